package org.dossier.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.demo.FakeCaseFiles;
import org.dossier.form.BaseSchema;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The load of {@code bench --scale}: many services of the same size and one large one, filled
 * with the demo generator's case files (names with accents, statuses, antennes, référents, opening
 * dates over six years). The first case files of each service go through the engine
 * ({@code RecordService.insertValidated}: validation, sealing, history, audit); the rest are the
 * same writes in batches of {@value #BATCH}: the case file (its confidential values sealed by the
 * service's key), its creation in the history, its audit event chained by {@link AuditLog}, and
 * whatever the database derives from a row of {@code records} (generated columns, indexes,
 * triggers). Unlike the engine path, each bulk case file has its own dates, from its opening to its
 * last activity (its closing for a closed one), so the retention phases and the lifecycle plan find
 * active, archived and due case files.
 */
final class ScaleLoad {
    static final int BATCH = 1_000;

    /** The size asked for: {@code services} of {@code records} each, one of {@code large}, {@code engine} through the engine in each. */
    record Size(int services, int records, int large, int engine) {
        long total() {
            return (long) services * records + large;
        }
    }

    /** What was loaded and how long it took. */
    record Loaded(List<Tenant> services, Tenant large, double seconds, long caseFiles) {
        List<Tenant> all() {
            List<Tenant> all = new ArrayList<>(services);
            all.add(large);
            return all;
        }

        double perSecond() {
            return caseFiles / Math.max(seconds, 1e-3);
        }
    }

    private final Services services;
    private final Size size;
    private final JsonNode definition = BaseSchema.baseSchema();
    private final Actor actor = Actor.system("bench");

    ScaleLoad(Services services, Size size) {
        this.services = services;
        this.size = size;
    }

    Loaded load() {
        System.out.printf("Loading %d services x %,d case files and one of %,d (%,d through the engine in each)...%n",
                size.services(), size.records(), size.large(), size.engine());
        long start = System.nanoTime();
        List<Tenant> loaded = new ArrayList<>();
        for (int s = 1; s <= size.services(); s++) {
            loaded.add(service("scale-" + s, "Scale " + s, s, size.records()));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("    total: %d of %d services, %,d case files in %.1f s, %,.0f a second%n", s,
                    size.services(), (long) s * size.records(), seconds, s * (double) size.records() / seconds);
        }
        Tenant large = service("scale-large", "Scale large", size.services() + 1, size.large());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Loaded %,d case files in %.1f s (%,.0f a second)%n", size.total(), seconds,
                size.total() / seconds);
        return new Loaded(List.copyOf(loaded), large, seconds, size.total());
    }

    private Tenant service(String slug, String name, long seed, int count) {
        long start = System.nanoTime();
        Tenant tenant = services.jdbi().inTransaction(handle -> {
            Tenant fresh = services.tenants().create(handle, slug, name, "#1e3a8a");
            services.forms().publish(handle, fresh.id(), FormService.CASE_FILE, definition, "bench");
            return fresh;
        });
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        FakeCaseFiles fake = new FakeCaseFiles(seed);
        FakeCaseFiles.Options options = new FakeCaseFiles.Options(true, true, LocalDate.now(ZoneOffset.UTC));
        int throughEngine = Math.min(size.engine(), count);
        for (int from = 0; from < throughEngine; from += BATCH) {
            List<ObjectNode> files = fake.generate(Math.min(BATCH, throughEngine - from), options);
            services.jdbi().useTransaction(handle -> {
                for (ObjectNode file : files) {
                    services.records().insertValidated(handle, tenant.id(), form,
                            services.records().validated(form, file, Locale.FRENCH), actor,
                            Instant.now().truncatedTo(ChronoUnit.MICROS));
                }
            });
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int from = throughEngine; from < count; from += BATCH) {
            List<ObjectNode> files = fake.generate(Math.min(BATCH, count - from), options);
            services.jdbi().useTransaction(handle -> bulk(handle, tenant, form, files, random));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %-12s %,9d case files in %6.1f s, %,8.0f a second (%,d through the engine)%n", slug, count,
                seconds, count / Math.max(seconds, 1e-3), throughEngine);
        return tenant;
    }

    /** One batch: the case files, their creations in the history, their audit events (chained), one transaction. */
    private void bulk(Handle handle, Tenant tenant, CompiledForm form, List<ObjectNode> files, SplittableRandom random) {
        PreparedBatch records = handle.prepareBatch("""
                INSERT INTO records (tenant_id, id, form_key, schema_version, data, lock_version, created_at, created_by,
                                     updated_at, updated_by, last_activity_at, to_complete)
                VALUES (:tenantId, :id, :formKey, :schemaVersion, :data, 1, :createdAt, :actor, :lastActivity, :actor,
                        :lastActivity, FALSE)
                """);
        PreparedBatch history = handle.prepareBatch("""
                INSERT INTO record_changes (tenant_id, record_id, lock_version, changed_at, changed_by, form_key,
                                            schema_version, changes)
                VALUES (:tenantId, :recordId, 1, :createdAt, :actor, :formKey, :schemaVersion, '[]')
                """);
        List<AuditLog.Event> events = new ArrayList<>(files.size());
        String details = "{\"form\":\"" + form.formKey() + "\",\"schemaVersion\":" + form.version() + ",\"version\":1}";
        for (ObjectNode file : files) {
            RecordId id = RecordId.generate();
            Dates dates = Dates.of(file, random);
            String data = services.encryption().cipher() == null ? file.toString()
                    : services.encryption().cipher().sealRecord(tenant.id(), id, form.confidential(), file).toString();
            records.bind("tenantId", tenant.id()).bind("id", id).bind("formKey", form.formKey())
                    .bind("schemaVersion", form.version()).bind("data", data).bind("createdAt", dates.created())
                    .bind("lastActivity", dates.lastActivity()).bind("actor", actor.id()).add();
            history.bind("tenantId", tenant.id()).bind("recordId", id).bind("createdAt", dates.created())
                    .bind("actor", actor.id()).bind("formKey", form.formKey()).bind("schemaVersion", form.version()).add();
            events.add(new AuditLog.Event("record.created", "record", id.toString(), details));
        }
        records.execute();
        history.execute();
        services.audit().recordAll(handle, tenant.id(), actor, events);
    }

    /** A case file's creation (its opening day) and last activity (its closing day, or a day since its opening). */
    private record Dates(Instant created, Instant lastActivity) {
        static Dates of(ObjectNode file, SplittableRandom random) {
            JsonNode support = file.path("accompagnement");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate opened = LocalDate.parse(support.path("date_ouverture").asText(today.toString()));
            LocalDate last = support.has("date_cloture") ? LocalDate.parse(support.path("date_cloture").asText())
                    : opened.plusDays(random.nextLong(ChronoUnit.DAYS.between(opened, today) + 1));
            Instant created = atWorkingHour(opened, random);
            Instant lastActivity = atWorkingHour(last, random);
            return new Dates(created, lastActivity.isBefore(created) ? created : lastActivity);
        }

        /** A time of that day's working hours, never later than now. */
        private static Instant atWorkingHour(LocalDate day, SplittableRandom random) {
            Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(8 * 3600 + random.nextLong(9 * 3600))
                    .plusNanos(random.nextLong(1_000_000) * 1_000);
            Instant now = Instant.now();
            return (at.isAfter(now) ? now : at).truncatedTo(ChronoUnit.MICROS);
        }
    }
}
