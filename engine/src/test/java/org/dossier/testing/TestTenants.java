package org.dossier.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.dossier.Services;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;

/** Creates tenants with unique slugs, so test classes sharing one database never see each other. */
public final class TestTenants {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestTenants() {}

    public static Tenant withBaseForm(Services services, String prefix) {
        return withForm(services, prefix, BaseSchema.baseSchema());
    }

    public static Tenant withForm(Services services, String prefix, JsonNode definition) {
        String slug = prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        return services.jdbi().inTransaction(handle -> {
            Tenant tenant = services.tenants().create(handle, slug, "Service " + slug, "#1e3a8a");
            services.forms().publish(handle, tenant.id(), FormService.CASE_FILE, definition, "test");
            return tenant;
        });
    }
}
