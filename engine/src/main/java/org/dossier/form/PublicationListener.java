package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/** Told of each version {@link FormService} publishes, inside the publication's transaction. */
@FunctionalInterface
public interface PublicationListener {
    PublicationListener NONE = (handle, tenantId, formKey, version, effectiveSchema, publishedAt) -> {};

    void published(Handle handle, TenantId tenantId, String formKey, int version, JsonNode effectiveSchema,
                   Instant publishedAt);
}
