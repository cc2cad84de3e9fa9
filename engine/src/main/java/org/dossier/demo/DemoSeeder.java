package org.dossier.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.BaseSchema;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the two services of the brief on an empty database: PASQ (blue, eviction prevention,
 * branch field shown) and Service B (green, neither), each with about fifty case files.
 */
public final class DemoSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    public static final int RECORDS_PER_SERVICE = 50;
    private static final Actor SEED = Actor.system("demo-seed");

    private final Services services;

    public DemoSeeder(Services services) {
        this.services = services;
    }

    /** @return true when it seeded, false when the database already held services */
    public boolean seedIfEmpty() {
        if (services.tenants().count() > 0) {
            LOG.info("Demo data not seeded: the database already holds services");
            return false;
        }
        List<Tenant> tenants = services.jdbi().inTransaction(handle -> {
            Tenant pasq = services.tenants().create(handle, "pasq", "PASQ", "#1e3a8a");
            services.forms().publish(handle, pasq.id(), FormService.CASE_FILE, BaseSchema.baseSchema(), SEED.id());
            Tenant serviceB = services.tenants().create(handle, "service-b", "Service B", "#166534");
            services.forms().publish(handle, serviceB.id(), FormService.CASE_FILE, serviceBDefinition(), SEED.id());
            return List.of(pasq, serviceB);
        });
        seedRecords(tenants.get(0), new FakeCaseFiles.Options(true, true, LocalDate.now()), 1L);
        seedRecords(tenants.get(1), new FakeCaseFiles.Options(false, false, LocalDate.now()), 2L);
        LOG.info("Demo data seeded: services pasq and service-b, {} case files each", RECORDS_PER_SERVICE);
        return true;
    }

    /** The base form with the branch field and the eviction-prevention section hidden. */
    public static JsonNode serviceBDefinition() {
        ObjectNode definition = (ObjectNode) BaseSchema.baseSchema();
        ObjectNode properties = (ObjectNode) definition.get("properties");
        ((ObjectNode) properties.get("accompagnement").get("properties").get("antenne")).put("x-hidden", true);
        ((ObjectNode) properties.get("prevention_expulsions")).put("x-hidden", true);
        return definition;
    }

    private void seedRecords(Tenant tenant, FakeCaseFiles.Options options, long seed) {
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        Random random = new Random(seed);
        List<ObjectNode> files = new FakeCaseFiles(seed).generate(RECORDS_PER_SERVICE, options);
        services.jdbi().useTransaction(handle -> {
            for (ObjectNode file : files) {
                JsonNode data = services.records().validated(form, file, Locale.FRENCH);
                Instant at = Instant.now().minus(random.nextInt(90 * 24 * 60), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
                services.records().insertValidated(handle, tenant.id(), form, data, SEED, at);
            }
        });
    }
}
