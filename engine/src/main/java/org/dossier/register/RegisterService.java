package org.dossier.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.FormService;
import org.dossier.form.NoSuchFormException;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;
import org.dossier.tenant.TenantService;
import org.jdbi.v3.core.Jdbi;

/**
 * A service's register of processing: today's, computed from the latest published version of its
 * case-file form and the controller's contact details as they are now; and the register each
 * version implied, kept from its publication on, so that the register as of any date can be read.
 */
public final class RegisterService {
    /** Only the case file carries the register's annotations. */
    public static final String FORM = FormService.CASE_FILE;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final FormService forms;
    private final TenantService tenants;
    private final PlatformSettings platform;
    private final RegisterSnapshots snapshots;
    private final AuditLog audit;
    private final Clock clock;

    public RegisterService(Jdbi jdbi, ObjectMapper json, FormService forms, TenantService tenants,
                           PlatformSettings platform, RegisterSnapshots snapshots, AuditLog audit, Clock clock) {
        this.snapshots = snapshots;
        this.jdbi = jdbi;
        this.json = json;
        this.forms = forms;
        this.tenants = tenants;
        this.platform = platform;
        this.audit = audit;
        this.clock = clock;
    }

    /** A published version of the form: its number and when it was published. */
    public record Version(int number, Instant publishedAt) {}

    /**
     * Today's register: the latest published version, read with the controller's details as they
     * are now.
     *
     * @throws NoSuchFormException when the service has published no form yet
     */
    public ProcessingRegister current(Tenant tenant) {
        int latest = forms.latest(tenant.id(), FORM).version();
        Version version = versions(tenant.id()).stream().filter(v -> v.number() == latest).findFirst()
                .orElseThrow(() -> new NoSuchFormException(FORM));
        kept(tenant, version);
        return compute(tenant, version, controller(tenant.id()), clock.instant());
    }

    /**
     * The register as it stood at the end of {@code day} (a day in Paris): the one kept for the
     * version then in force. Empty when no version had been published by then.
     */
    public Optional<ProcessingRegister> asOf(Tenant tenant, LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(Retention.ZONE).toInstant();
        return versions(tenant.id()).stream().filter(version -> version.publishedAt().isBefore(end)).findFirst()
                .map(version -> kept(tenant, version));
    }

    /** The register kept for one published version; empty when there is no such version. */
    public Optional<ProcessingRegister> ofVersion(Tenant tenant, int number) {
        return versions(tenant.id()).stream().filter(version -> version.number() == number).findFirst()
                .map(version -> kept(tenant, version));
    }

    /** The published versions, newest first. */
    public List<Version> versions(TenantId tenantId) {
        return jdbi.withHandle(handle -> new RegisterDao(handle).versions(tenantId, FORM)).stream()
                .map(row -> new Version(row.number(), row.publishedAt()))
                .toList();
    }

    public ProcessingRegister.Controller controller(TenantId tenantId) {
        return jdbi.withHandle(handle -> new RegisterDao(handle).controller(tenantId))
                .orElse(ProcessingRegister.Controller.EMPTY);
    }

    /** Saves the controller's contact details, audited as {@code register.controller.changed}. */
    public void saveController(TenantId tenantId, ProcessingRegister.Controller controller, Actor actor) {
        jdbi.useTransaction(handle -> {
            new RegisterDao(handle).saveController(tenantId, controller, clock.instant(), actor.id());
            audit.record(handle, tenantId, actor, "register.controller.changed", "register", FORM, null);
        });
    }

    /** One service's entry in the platform's register. */
    public record ServiceEntry(Tenant tenant, ProcessingRegister register) {}

    /** Every service holding case files (templates hold none) with today's register; a service with no form yet is left out. */
    public List<ServiceEntry> platform() {
        return tenants.listAll().stream()
                .filter(tenant -> !tenant.template())
                .flatMap(tenant -> {
                    try {
                        return java.util.stream.Stream.of(new ServiceEntry(tenant, current(tenant)));
                    } catch (NoSuchFormException noForm) {
                        return java.util.stream.Stream.empty();
                    }
                })
                .toList();
    }

    /** Records that the register was downloaded, and in which form ({@code pdf}, {@code json}). */
    public void downloaded(TenantId tenantId, int version, String format, Actor actor) {
        jdbi.useTransaction(handle -> audit.record(handle, tenantId, actor, "register.downloaded", "register", FORM,
                json.createObjectNode().put("format", format).put("version", version)));
    }

    /** The register kept for a version; computed and kept now for a version published before registers were kept. */
    private ProcessingRegister kept(Tenant tenant, Version version) {
        Optional<String> stored = jdbi.withHandle(handle -> new RegisterDao(handle).snapshot(tenant.id(), FORM,
                version.number()));
        if (stored.isPresent()) {
            return snapshots.read(stored.get());
        }
        Instant now = clock.instant();
        ProcessingRegister register = compute(tenant, version, controller(tenant.id()), now);
        jdbi.useHandle(handle -> new RegisterDao(handle).insertSnapshot(tenant.id(), FORM, version.number(),
                snapshots.write(register), now));
        return jdbi.withHandle(handle -> new RegisterDao(handle).snapshot(tenant.id(), FORM, version.number()))
                .map(snapshots::read).orElse(register);
    }

    private ProcessingRegister compute(Tenant tenant, Version version, ProcessingRegister.Controller controller,
                                       Instant now) {
        JsonNode schema = forms.version(tenant.id(), FORM, version.number()).effectiveSchema();
        return RegisterBuilder.build(schema, version.number(), version.publishedAt(), now,
                platform.settingsOf(tenant, controller));
    }
}
