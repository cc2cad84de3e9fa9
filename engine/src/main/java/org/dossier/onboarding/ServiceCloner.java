package org.dossier.onboarding;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.dossier.account.AccountService;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.branding.LogoDao;
import org.dossier.designer.DesignerService;
import org.dossier.form.FormService;
import org.dossier.form.FormVersionDao;
import org.dossier.tenant.ServiceName;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantDao;
import org.dossier.tenant.TenantService;
import org.jdbi.v3.core.Jdbi;

/**
 * Copies a service into a new one, in one transaction: the source's published form (with its
 * customisation and module switches) becomes the clone's first version; its colour and logo are
 * kept, its name replaced; the first admin is added. No case file, user or audit event of the
 * source is copied. The clone remembers its source. The request is checked by {@link Onboarding}.
 */
final class ServiceCloner {
    private final Jdbi jdbi;
    private final TenantService tenants;
    private final FormService forms;
    private final DesignerService designer;
    private final AccountService accounts;
    private final AuditLog audit;
    private final ObjectMapper json;

    ServiceCloner(Jdbi jdbi, TenantService tenants, FormService forms, DesignerService designer, AccountService accounts,
                  AuditLog audit, ObjectMapper json) {
        this.jdbi = jdbi;
        this.tenants = tenants;
        this.forms = forms;
        this.designer = designer;
        this.accounts = accounts;
        this.audit = audit;
        this.json = json;
    }

    /** @param start when the request arrived ({@link System#nanoTime()}), to measure the whole onboarding */
    ClonedService cloneService(Tenant source, String slug, ServiceName serviceName, String adminEmail, String adminName,
                               Actor actor, long start) {
        String name = serviceName.value();
        int sourceVersion = forms.latest(source.id(), FormService.CASE_FILE).version();
        FormVersionDao.FormVersionRow published = forms.stored(source.id(), FormService.CASE_FILE, sourceVersion)
                .orElseThrow();
        boolean imported = designer.isImported(source.id(), FormService.CASE_FILE, sourceVersion);
        ClonedService result = jdbi.inTransaction(handle -> {
            Tenant clone = tenants.create(handle, slug, name, source.primaryColor());
            int logos = handle.attach(LogoDao.class).copy(source.id(), clone.id());
            // The logo's version follows the bytes actually copied, not the source as cached a moment ago.
            handle.attach(TenantDao.class).linkToSource(clone.id().value(), source.id().value(),
                    logos == 0 ? 0 : Math.max(1, source.logoVersion()));
            int version = forms.publish(handle, clone.id(), FormService.CASE_FILE, read(published.definition()),
                    published.customisation() == null ? null : read(published.customisation()), actor.id());
            designer.recordSourceVersion(handle, clone.id(), FormService.CASE_FILE, version, sourceVersion);
            if (imported) {
                designer.markImported(handle, clone.id(), FormService.CASE_FILE, version);
            }
            AccountService.AddedMember admin = accounts.addMember(handle, clone.id(), adminEmail,
                    adminName, Role.ADMIN, true, actor);
            audit.recordPlatform(handle, actor, "tenant.cloned", "tenant", clone.id().toString(),
                    json.createObjectNode().put("slug", slug).put("name", name)
                            .put("from", source.slug()).put("fromVersion", sourceVersion)
                            .put("adminEmail", admin.user().email()));
            return new ClonedService(clone, source, version, admin.user().email(), admin.oneTimePassword(), Duration.ZERO);
        });
        // The form is compiled and cached now, so the new admin's first page is as fast as any.
        forms.latest(result.tenant().id(), FormService.CASE_FILE);
        Tenant created = tenants.require(slug);
        return new ClonedService(created, source, result.formVersion(), result.adminEmail(), result.oneTimePassword(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private com.fasterxml.jackson.databind.JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored form JSON is not JSON", e);
        }
    }
}
