package org.dossier.onboarding;

import java.time.Duration;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.account.AccountService;
import org.dossier.account.Emails;
import org.dossier.account.Role;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.form.FormVersionDao;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantService;

/**
 * Onboards a service by cloning an existing one, in one transaction: the source's published form
 * (with its customisation and module switches) becomes the clone's first version; its colour and
 * logo are kept, its name replaced; the first admin is added. No case file, user or audit event
 * of the source is copied. The clone remembers its source.
 */
public final class ServiceCloner {
    private final Services services;

    public ServiceCloner(Services services) {
        this.services = services;
    }

    /** What to create. */
    public record Request(String from, String slug, String name, String adminEmail, String adminName) {}

    /** What was created, and how long it took from the request to a working form. */
    public record Result(Tenant tenant, Tenant source, int formVersion, String adminEmail, Optional<String> oneTimePassword,
                         Duration took) {}

    /**
     * @throws DomainException {@code noSuchSource} (404), {@code invalidSlug}, {@code slugTaken},
     *                         {@code invalidServiceName}, {@code invalidEmail}; nothing is created then
     */
    public Result cloneService(Request request, Actor actor) {
        long start = System.nanoTime();
        Tenant source = services.tenants().find(request.from())
                .orElseThrow(() -> new DomainException("noSuchSource", 404, "no service " + request.from()));
        String slug = request.slug() == null ? "" : request.slug().strip();
        String name = request.name() == null ? "" : request.name().strip();
        if (!TenantService.isValidSlug(slug)) {
            throw new DomainException("invalidSlug", 422, "lower-case letters, digits and hyphens");
        }
        if (name.isEmpty() || name.length() > 200) {
            throw new DomainException("invalidServiceName", 422, "a name of 1 to 200 characters");
        }
        if (!Emails.isValid(Emails.normalize(request.adminEmail()))) {
            throw new DomainException("invalidEmail", 422, "not an e-mail address");
        }
        if (services.tenants().find(slug).isPresent()) {
            throw new DomainException("slugTaken", 409, "this slug is taken");
        }
        int sourceVersion = services.forms().latest(source.id(), FormService.CASE_FILE).version();
        FormVersionDao.FormVersionRow published = services.forms().stored(source.id(), FormService.CASE_FILE, sourceVersion)
                .orElseThrow();
        String adminName = request.adminName() == null || request.adminName().isBlank() ? Emails.normalize(request.adminEmail())
                : request.adminName().strip();
        Result result = services.jdbi().inTransaction(handle -> {
            Tenant clone = services.tenants().create(handle, slug, name, source.primaryColor());
            int logos = handle.createUpdate("""
                            INSERT INTO tenant_logos (tenant_id, content_type, width, height, bytes, updated_at, updated_by)
                            SELECT :clone, content_type, width, height, bytes, updated_at, updated_by
                              FROM tenant_logos WHERE tenant_id = :source
                            """)
                    .bind("clone", clone.id()).bind("source", source.id()).execute();
            // The logo's version follows the bytes actually copied, not the source as cached a moment ago.
            handle.createUpdate("UPDATE tenants SET source_tenant_id = :source, logo_version = :logo WHERE id = :id")
                    .bind("source", source.id().value()).bind("logo", logos == 0 ? 0 : Math.max(1, source.logoVersion()))
                    .bind("id", clone.id().value()).execute();
            int version = services.forms().publish(handle, clone.id(), FormService.CASE_FILE, read(published.definition()),
                    published.customisation() == null ? null : read(published.customisation()), actor.id());
            services.designer().recordSourceVersion(handle, clone.id(), FormService.CASE_FILE, version, sourceVersion);
            AccountService.AddedMember admin = services.accounts().addMember(handle, clone.id(), request.adminEmail(),
                    adminName, Role.ADMIN, true, actor);
            services.audit().recordPlatform(handle, actor, "tenant.cloned", "tenant", clone.id().toString(),
                    services.json().mapper().createObjectNode().put("slug", slug).put("name", name)
                            .put("from", source.slug()).put("fromVersion", sourceVersion)
                            .put("adminEmail", admin.user().email()));
            return new Result(clone, source, version, admin.user().email(), admin.oneTimePassword(), Duration.ZERO);
        });
        // The form is compiled and cached now, so the new admin's first page is as fast as any.
        services.forms().latest(result.tenant().id(), FormService.CASE_FILE);
        Tenant created = services.tenants().require(slug);
        return new Result(created, source, result.formVersion(), result.adminEmail(), result.oneTimePassword(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private com.fasterxml.jackson.databind.JsonNode read(String text) {
        try {
            return services.json().mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored form JSON is not JSON", e);
        }
    }

}
