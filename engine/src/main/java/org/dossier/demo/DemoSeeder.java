package org.dossier.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.Secrets;
import org.dossier.audit.Actor;
import org.dossier.form.BaseSchema;
import org.dossier.form.CompiledForm;
import org.dossier.form.CustomisationCompiler;
import org.dossier.form.FormService;
import org.dossier.register.ProcessingRegister;
import org.dossier.tenant.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the two services of the brief on an empty database: PASQ (blue, eviction prevention,
 * branch field shown) and Service B (green, neither), each with about fifty case files, and a third
 * service, "Inscriptions scolaires", whose case-file form is a plain draft-07 form written elsewhere
 * (no case files: its new case-file page is the point).
 */
public final class DemoSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    public static final int RECORDS_PER_SERVICE = 50;
    static final String FOREIGN_EXAMPLE = "schemas/examples/inscription-scolaire.schema.json";
    private static final Actor SEED = Actor.system("demo-seed");

    private final Services services;

    public DemoSeeder(Services services) {
        this.services = services;
    }

    /** The accounts of one demo service, by role: {@code <role>@<slug>.demo}. */
    static final String DEMO_DOMAIN = ".demo";
    public static final String SUPER_ADMIN = "super-admin@dossier.demo";

    /**
     * @param demoPassword the demo accounts' password; one is generated and printed when empty
     * @return true when it seeded, false when the database already held services
     */
    public boolean seedIfEmpty(Optional<String> demoPassword) {
        if (services.tenants().count() > 0) {
            LOG.info("Demo data not seeded: the database already holds services");
            return false;
        }
        List<Tenant> tenants = services.jdbi().inTransaction(handle -> {
            Tenant pasq = services.tenants().create(handle, "pasq", "PASQ", "#1e3a8a");
            services.forms().publish(handle, pasq.id(), FormService.CASE_FILE, BaseSchema.baseSchema(),
                    JsonNodeFactory.instance.objectNode(), SEED.id());
            Tenant serviceB = services.tenants().create(handle, "service-b", "Service B", "#166534");
            services.forms().publish(handle, serviceB.id(), FormService.CASE_FILE, serviceBDefinition(),
                    serviceBCustomisation(), SEED.id());
            Tenant school = services.tenants().create(handle, "ecole", "Inscriptions scolaires", "#6b21a8");
            int schoolVersion = services.forms().publish(handle, school.id(), FormService.CASE_FILE, foreignExample(),
                    null, SEED.id());
            // A form brought from a file, as a super-admin's creation from a file makes it: the designer then
            // offers to import a new file rather than customise the base form in its place.
            services.designer().markImported(handle, school.id(), FormService.CASE_FILE, schoolVersion);
            return List.of(pasq, serviceB, school);
        });
        String password = demoPassword.orElseGet(() -> Secrets.password(16));
        seedAccounts(tenants, password);
        seedControllers(tenants);
        seedRecords(tenants.get(0), new FakeCaseFiles.Options(true, true, LocalDate.now()), 1L);
        seedRecords(tenants.get(1), new FakeCaseFiles.Options(false, false, LocalDate.now()), 2L);
        LOG.info("Demo data seeded: services pasq and service-b, {} case files each", RECORDS_PER_SERVICE);
        if (demoPassword.isEmpty()) {
            // Printed, not logged at a level someone might silence: it is the only way to sign in.
            System.out.println();
            System.out.println("Demo accounts (admin@pasq.demo, caseworker@pasq.demo, caseworker2@pasq.demo, viewer@pasq.demo, dpo@pasq.demo,");
            System.out.println("the same @service-b.demo and @ecole.demo, and " + SUPER_ADMIN + ") have the generated password:");
            System.out.println("    " + password);
            System.out.println("Set DOSSIER_DEMO_PASSWORD to choose it instead. It is shown only now.");
            System.out.println();
        }
        return true;
    }

    /**
     * A form written elsewhere, in plain draft-07 ({@code schemas/examples}), as the third service's
     * case-file form: what a form author's own schema looks like in the engine.
     */
    static JsonNode foreignExample() {
        try (InputStream in = DemoSeeder.class.getClassLoader().getResourceAsStream(FOREIGN_EXAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + FOREIGN_EXAMPLE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The controller's contact details each demo service's register opens with (fictitious addresses). */
    private void seedControllers(List<Tenant> tenants) {
        for (Tenant tenant : tenants) {
            services.register().saveController(tenant.id(), new ProcessingRegister.Controller(
                    "Association " + tenant.name() + " (fictive)", "Direction (démo)", "1 rue de l’Exemple, 75000 Paris",
                    "contact@" + tenant.slug() + DEMO_DOMAIN, "", "Déléguée à la protection des données (démo)",
                    "dpo@" + tenant.slug() + DEMO_DOMAIN, ""), SEED);
        }
    }

    /**
     * One account per role in each service. Admin and caseworker hold the confidential grant;
     * {@code caseworker2} is a caseworker without it, and the viewer has none either.
     */
    private void seedAccounts(List<Tenant> tenants, String password) {
        services.jdbi().useTransaction(handle -> {
            services.accounts().createUser(handle, SUPER_ADMIN, "Super-admin (démo)", password, true, false);
            for (Tenant tenant : tenants) {
                for (DemoAccount account : DemoAccount.values()) {
                    String email = account.localPart + "@" + tenant.slug() + DEMO_DOMAIN;
                    services.accounts().createUser(handle, email, account.displayName + " (" + tenant.name() + ")",
                            password, false, false);
                    services.accounts().addMember(handle, tenant.id(), email, account.displayName, account.role,
                            account.confidential, SEED);
                }
            }
        });
    }

    private enum DemoAccount {
        ADMIN("admin", "Administratrice", Role.ADMIN, true),
        CASEWORKER("caseworker", "Travailleuse sociale", Role.CASEWORKER, true),
        CASEWORKER2("caseworker2", "Travailleur social sans habilitation", Role.CASEWORKER, false),
        VIEWER("viewer", "Lecture seule", Role.VIEWER, false),
        DPO("dpo", "Déléguée à la protection des données", Role.DPO, false);

        final String localPart;
        final String displayName;
        final Role role;
        final boolean confidential;

        DemoAccount(String localPart, String displayName, Role role, boolean confidential) {
            this.localPart = localPart;
            this.displayName = displayName;
            this.role = role;
            this.confidential = confidential;
        }
    }

    private boolean unused() {
        return true;
    }

    /** Service B's choices: the branch field hidden, the eviction-prevention module off. */
    public static ObjectNode serviceBCustomisation() {
        ObjectNode customisation = JsonNodeFactory.instance.objectNode();
        customisation.putObject("fields").putObject("accompagnement.antenne").put("hidden", true);
        customisation.putObject("modules").put("prevention-expulsions", false);
        return customisation;
    }

    /** The base form with Service B's customisation applied. */
    public static JsonNode serviceBDefinition() {
        return new CustomisationCompiler().compile(BaseSchema.baseSchema(), serviceBCustomisation()).definition();
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
