package org.dossier.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.retention.CaseFileErasure;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;
import org.dossier.stats.SharedFields.SharedField;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The counts kept as case files are written give exactly what the rows themselves give
 * ({@link RowCounts}, every row read), after every kind of write the engine makes: creations, saves
 * that change an answer or not, last activity moved back years (archived, due for deletion), holds
 * placed and lifted, reactivations, erasures, the list's to-complete mark; with deltas folded or
 * not; and with writers and folds running at once.
 */
@Tag("integration")
class CaseFileCountsTest {
    private static final String[] STATUTS = {"premier_accueil", "en_cours", "en_veille"};
    private static final String[] HOUSING = {"locataire_parc_social", "locataire_parc_prive", "proprietaire"};
    private static Services services;
    private static final Actor ACTOR = Actor.system("test");

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
    }

    @Test
    void the_counts_equal_the_rows_after_every_kind_of_write_folded_or_not() {
        Tenant tenant = TestTenants.withBaseForm(services, "counts-writes");
        Random random = new Random(42);
        List<CaseRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(create(tenant, "Compte" + i, random));
        }
        assertSame(tenant, "created, nothing folded");
        CaseFileCounts.fold(services.jdbi(), tenant.id());
        assertSame(tenant, "created, folded");

        for (int i = 0; i < 10; i++) {
            CaseRecord record = records.get(i);
            CaseRecord stored = services.records().get(tenant.id(), record.id());
            ObjectNode data = stored.data().deepCopy();
            ((ObjectNode) data.get("accompagnement")).put("statut", STATUTS[random.nextInt(STATUTS.length)]);
            data.putObject("logement_ressources").put("type_logement", HOUSING[random.nextInt(HOUSING.length)]);
            services.records().update(tenant.id(), record.id(), stored.lockVersion(), data, ACTOR, Locale.FRENCH);
        }
        assertSame(tenant, "answers changed");
        for (int i = 10; i < 20; i++) {
            lastActive(tenant, records.get(i).id(), 2 + random.nextInt(8));
        }
        assertSame(tenant, "last activities moved back");
        CaseFileCounts.fold(services.jdbi(), tenant.id());
        assertSame(tenant, "folded again");

        services.archive().placeHold(tenant.id(), records.get(10).id(), "Contentieux", ACTOR);
        services.archive().placeHold(tenant.id(), records.get(11).id(), "Contentieux", ACTOR);
        services.archive().placeHold(tenant.id(), records.get(0).id(), "Contentieux", ACTOR);
        assertSame(tenant, "holds placed");
        services.archive().liftHold(tenant.id(), records.get(11).id(), "Fin", ACTOR);
        assertSame(tenant, "a hold lifted");
        for (int i = 12; i < 15; i++) {
            if (services.archive().standing(tenant.id(), records.get(i).id()).phase() != Retention.Phase.ACTIVE) {
                services.archive().reactivate(tenant.id(), records.get(i).id(), "Reprise", ACTOR);
            }
        }
        assertSame(tenant, "reactivated");
        services.jdbi().useTransaction(handle -> new CaseFileErasure().erase(handle, tenant.id(),
                List.of(records.get(15).id(), records.get(1).id()), Instant.now(), Optional.empty()));
        assertSame(tenant, "erased");
        long before = deltas(tenant);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET to_complete = NOT to_complete WHERE tenant_id = :tenantId")
                .bind("tenantId", tenant.id()).execute());
        assertThat(deltas(tenant)).as("a change no count depends on writes no delta").isEqualTo(before);
        CaseFileCounts.fold(services.jdbi(), tenant.id());
        assertThat(deltas(tenant)).isZero();
        assertSame(tenant, "all folded");
    }

    @Test
    void writers_and_folds_at_once_lose_nothing_and_count_nothing_twice() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "counts-concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    Random random = new Random(writer);
                    for (int i = 0; i < 25; i++) {
                        create(tenant, "Parallele" + writer + "x" + i, random);
                    }
                }));
            }
            work.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    CaseFileCounts.fold(services.jdbi(), tenant.id());
                }
            }));
            work.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    CaseFileCounts.fold(services.jdbi(), tenant.id());
                }
            }));
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertSame(tenant, "after concurrent writes and folds");
        assertThat(counted(tenant).caseFiles().active()).isEqualTo(75);
    }

    @Test
    void the_scheduler_task_folds_every_service_written() {
        Tenant one = TestTenants.withBaseForm(services, "counts-fold-one");
        Tenant two = TestTenants.withBaseForm(services, "counts-fold-two");
        Random random = new Random(7);
        create(one, "Plie", random);
        create(two, "Plie", random);
        create(two, "Plie", random);

        assertThat(services.statistics().foldAll()).isGreaterThanOrEqualTo(3);

        assertThat(deltas(one)).isZero();
        assertThat(deltas(two)).isZero();
        assertSame(one, "folded by the task");
        assertSame(two, "folded by the task");
        assertThat(counted(two).caseFiles().active()).isEqualTo(2);
    }

    @Test
    void the_migration_counts_the_case_files_written_before_the_counts_existed() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "counts-before");
        Random random = new Random(11);
        for (int i = 0; i < 6; i++) {
            create(tenant, "Avant" + i, random);
        }
        // A database of before the counts: neither deltas nor counts for these case files.
        services.jdbi().useHandle(handle -> {
            handle.createUpdate("DELETE FROM statistics_deltas WHERE tenant_id = :tenantId").bind("tenantId", tenant.id())
                    .execute();
            handle.createUpdate("DELETE FROM statistics_counts WHERE tenant_id = :tenantId").bind("tenantId", tenant.id())
                    .execute();
        });
        assertThat(counted(tenant).caseFiles().active()).isZero();

        migrate(new CountExistingCaseFiles());

        assertThat(counted(tenant).caseFiles().active()).isEqualTo(6);
        assertSame(tenant, "counted by the migration");
        CaseFileCounts.fold(services.jdbi(), tenant.id());
        assertSame(tenant, "counted by the migration, folded");
        create(tenant, "Apres", random);
        assertThat(counted(tenant).caseFiles().active()).as("the triggers still count").isEqualTo(7);
    }

    @Test
    void the_database_counts_the_fields_the_base_shares_with_the_options_it_gives() {
        List<String> statements = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT ACTION_STATEMENT FROM information_schema.TRIGGERS
                         WHERE EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = 'records'
                         ORDER BY TRIGGER_NAME
                        """).mapTo(String.class).list());

        assertThat(statements).hasSize(3);
        String expected = CountedAnswers.expression("NEW");
        // A base sharing another field or option needs a migration recreating the triggers (CountedAnswers).
        assertThat(statements).filteredOn(statement -> statement.contains("NEW.")).allSatisfy(statement ->
                assertThat(normalised(statement)).contains(normalised(expected)));
        assertThat(CountedAnswers.FIELDS).extracting(SharedField::path).contains("accompagnement.statut",
                "logement_ressources.type_logement");
    }

    @Test
    void migration_32_replaces_an_insert_select_trigger_with_the_one_the_class_writes_and_counting_goes_on()
            throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "counts-by-values");
        Random random = new Random(32);
        // The insert trigger as migration 28.1 first wrote it.
        services.jdbi().useHandle(handle -> {
            handle.execute("DROP TRIGGER " + CountedAnswers.INSERT_TRIGGER);
            handle.execute("CREATE TRIGGER " + CountedAnswers.INSERT_TRIGGER + " AFTER INSERT ON records FOR EACH ROW"
                    + " INSERT INTO statistics_deltas (tenant_id, sign, last_activity_at, created_at, answers)"
                    + " SELECT NEW.tenant_id, 1, NEW.last_activity_at, NEW.created_at, " + CountedAnswers.expression("NEW")
                    + " FROM DUAL WHERE NEW.form_key = 'dossier'");
        });
        assertThat(triggerBodies()).anySatisfy(body -> assertThat(normalised(body)).contains("select"));
        create(tenant, "Avant", random);

        migrate(CountingTriggers.byValues());

        // Exactly the bodies the class writes, none of them an INSERT … SELECT (on MariaDB one ends by
        // writing the redo log out: one more wait for the disk per save, before the commit's own).
        assertThat(triggerBodies()).map(CaseFileCountsTest::normalised).containsExactlyInAnyOrderElementsOf(
                CountedAnswers.triggers().stream().map(trigger -> normalised(trigger.substring(trigger.indexOf("BEGIN"))))
                        .toList());
        assertThat(triggerBodies()).allSatisfy(body -> assertThat(normalised(body)).doesNotContain("select"));
        create(tenant, "Apres", random);
        assertSame(tenant, "counted before and after the triggers were replaced");
        // And Flyway runs it: a database of before migration 32 gets the new triggers on its next start.
        List<Boolean> applied = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT success FROM flyway_schema_history /* all tenants */ WHERE version = '32'")
                .mapTo(Boolean.class).list());
        assertThat(applied).containsExactly(true);
        assertThat(counted(tenant).caseFiles().active()).isEqualTo(2);
    }

    @Test
    void migration_33_replaces_triggers_reading_answers_by_json_extract_and_counting_goes_on() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "counts-by-json-value");
        Random random = new Random(33);
        // The triggers as migration 32 wrote them: each answer read by JSON_UNQUOTE(JSON_EXTRACT(…)).
        services.jdbi().useHandle(handle -> {
            for (String trigger : CountedAnswers.triggerNames()) {
                handle.execute("DROP TRIGGER " + trigger);
            }
            for (String trigger : CountedAnswers.triggers()) {
                handle.execute(trigger.replace(CountedAnswers.expression("NEW"), extractExpression("NEW"))
                        .replace(CountedAnswers.expression("OLD"), extractExpression("OLD")));
            }
        });
        assertThat(triggerBodies()).allSatisfy(body -> assertThat(normalised(body)).contains("json_extract"));
        CaseRecord before = create(tenant, "Avant", random);

        migrate(CountingTriggers.byJsonValue());

        assertThat(triggerBodies()).map(CaseFileCountsTest::normalised).containsExactlyInAnyOrderElementsOf(
                CountedAnswers.triggers().stream().map(trigger -> normalised(trigger.substring(trigger.indexOf("BEGIN"))))
                        .toList());
        assertThat(triggerBodies()).allSatisfy(body -> assertThat(normalised(body))
                .contains("json_value").doesNotContain("json_extract"));
        create(tenant, "Apres", random);
        CaseRecord stored = services.records().get(tenant.id(), before.id());
        ObjectNode changed = stored.data().deepCopy();
        ((ObjectNode) changed.get("accompagnement")).put("statut", "en_veille");
        services.records().update(tenant.id(), before.id(), stored.lockVersion(), changed, ACTOR, Locale.FRENCH);
        assertSame(tenant, "counted before and after the triggers were replaced");
        List<Boolean> applied = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT success FROM flyway_schema_history /* all tenants */ WHERE version = '33'")
                .mapTo(Boolean.class).list());
        assertThat(applied).containsExactly(true);
    }

    /**
     * {@code JSON_VALUE} gives every answer's position exactly as {@code JSON_UNQUOTE(JSON_EXTRACT(…))}
     * gave it, whatever stands at its place: each option, a value of no option, a wrong case, an
     * option's value escaped or followed by a space, a number, a boolean, a null, an object, an array,
     * a long text, nothing, or a document without the section.
     */
    @Test
    void answers_read_by_json_value_are_the_answers_read_by_json_extract() {
        List<String> values = new ArrayList<>(List.of("\"x\"", "\"EN_COURS\"", "\"en_cours \"", "\"en\\u005fcours\"",
                "\"\\u00e9t\\u00e9\"", "12", "1.5", "true", "false", "null", "{}", "{\"a\":\"en_cours\"}",
                "[\"en_cours\"]", "[]", "\"\"", "\"" + "a".repeat(600) + "\"", "\"en_cours\\\"\""));
        for (SharedField field : CountedAnswers.FIELDS) {
            field.options().forEach(option -> values.add("\"" + option.value() + "\""));
        }
        List<String> documents = new ArrayList<>(List.of("{}", "{\"accompagnement\":null}", "{\"identite\":[]}"));
        for (String value : values) {
            StringBuilder document = new StringBuilder("{");
            for (String section : List.of("accompagnement", "identite", "logement_ressources", "prevention_expulsions")) {
                document.append(document.length() > 1 ? "," : "").append('"').append(section).append("\":{");
                String fields = CountedAnswers.FIELDS.stream().filter(field -> field.path().startsWith(section + "."))
                        .map(field -> "\"" + field.path().substring(section.length() + 1) + "\":" + value)
                        .collect(java.util.stream.Collectors.joining(","));
                document.append(fields).append('}');
            }
            documents.add(document.append('}').toString());
        }
        List<String[]> compared = services.jdbi().withHandle(handle -> {
            List<String[]> rows = new ArrayList<>();
            for (String document : documents) {
                rows.add(handle.createQuery("SELECT " + CountedAnswers.expression("r") + " AS by_value, "
                                + extractExpression("r") + " AS by_extract FROM (SELECT :data AS data) r")
                        .bind("data", document)
                        .map((rs, ctx) -> new String[] {rs.getString("by_value"), rs.getString("by_extract"), document})
                        .one());
            }
            return rows;
        });
        assertThat(compared).hasSize(documents.size()).allSatisfy(row ->
                assertThat(row[0]).as(row[2]).isEqualTo(row[1]));
        // Not a comparison of two zeros: every option of every field is found.
        assertThat(compared).anySatisfy(row -> assertThat(row[0]).isNotEqualTo(row[1].replaceAll("[1-9]", "0")));
    }

    /** The answers' expression as migrations 28.1 and 32 wrote it. */
    private static String extractExpression(String row) {
        return CountedAnswers.expression(row).replaceAll("JSON_VALUE\\(" + row + "\\.data, ('[^']*')\\)",
                "JSON_UNQUOTE(JSON_EXTRACT(" + row + ".data, $1))");
    }

    /** Runs a Java migration as Flyway would, on a connection of the test database. */
    private static void migrate(org.flywaydb.core.api.migration.JavaMigration migration) throws Exception {
        try (java.sql.Connection connection = TestDatabase.database().dataSource().getConnection()) {
            migration.migrate(new org.flywaydb.core.api.migration.Context() {
                @Override
                public org.flywaydb.core.api.configuration.Configuration getConfiguration() {
                    return null;
                }

                @Override
                public java.sql.Connection getConnection() {
                    return connection;
                }
            });
        }
    }

    private static List<String> triggerBodies() {
        return services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT ACTION_STATEMENT FROM information_schema.TRIGGERS
                         WHERE EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = 'records'
                         ORDER BY TRIGGER_NAME
                        """).mapTo(String.class).list());
    }

    private static String normalised(String sql) {
        return sql.replaceAll("\\s+", "").replace("`", "").toLowerCase(Locale.ROOT);
    }

    private static long deltas(Tenant tenant) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM statistics_deltas WHERE tenant_id = :tenantId")
                .bind("tenantId", tenant.id()).mapTo(Long.class).one());
    }

    private static CaseRecord create(Tenant tenant, String lastName, Random random) {
        ObjectNode data = TestRecords.validData(lastName);
        ((ObjectNode) data.get("accompagnement")).put("statut", STATUTS[random.nextInt(STATUTS.length)]);
        if (random.nextBoolean()) {
            data.putObject("logement_ressources").put("type_logement", HOUSING[random.nextInt(HOUSING.length)]);
        }
        return services.records().create(tenant.id(), FormService.CASE_FILE, data, ACTOR, Locale.FRENCH);
    }

    private static void lastActive(Tenant tenant, RecordId id, int yearsAgo) {
        Instant at = ZonedDateTime.now(Retention.ZONE).minusYears(yearsAgo).toInstant();
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", at).bind("t", tenant.id()).bind("id", id).execute());
    }

    private static List<Instant> monthStarts() {
        YearMonth first = YearMonth.now(Retention.ZONE).minusMonths(PlatformStatistics.MONTHS - 1);
        List<Instant> starts = new ArrayList<>();
        for (int m = 0; m <= PlatformStatistics.MONTHS; m++) {
            starts.add(first.plusMonths(m).atDay(1).atStartOfDay(Retention.ZONE).toInstant());
        }
        return starts;
    }

    private static Retention retention() {
        return Retention.on(LocalDate.now(Retention.ZONE), RetentionPolicy.DEFAULT);
    }

    private static CaseFileCounts.Counted counted(Tenant tenant) {
        return services.jdbi().withHandle(handle -> CaseFileCounts.read(handle, tenant.id(), retention(), monthStarts()));
    }

    /** The counts (with whatever deltas are not folded) against every row read. */
    private static void assertSame(Tenant tenant, String after) {
        CaseFileCounts.Counted counted = counted(tenant);
        StatisticsDao.CaseFiles rows = services.jdbi().withHandle(handle ->
                new RowCounts(handle).caseFiles(tenant.id(), retention(), monthStarts()));
        assertThat(counted.caseFiles()).as(after).usingRecursiveComparison().isEqualTo(rows);
        for (SharedField field : CountedAnswers.FIELDS) {
            Map<String, Long> found = services.jdbi().withHandle(handle ->
                    new RowCounts(handle).answers(tenant.id(), List.of(field.jsonPath()), retention()));
            Map<String, Long> active = services.jdbi().withHandle(handle ->
                    new RowCounts(handle).activeAnswers(tenant.id(), field.jsonPath(), retention()));
            Map<String, Long> activeCounted = new ServiceCounts(services.jdbi())
                    .activeAnswers(tenant.id(), retention(), field.jsonPath()).orElseThrow();
            for (int i = 0; i < field.options().size(); i++) {
                String option = field.options().get(i).value();
                assertThat(counted.answered(field, i)).as("%s: %s = %s", after, field.path(), option)
                        .isEqualTo(found.getOrDefault(option, 0L));
                assertThat(activeCounted.get(option)).as("%s: active, %s = %s", after, field.path(), option)
                        .isEqualTo(active.getOrDefault(option, 0L));
            }
            long optionless = active.entrySet().stream().filter(entry -> field.options().stream()
                    .noneMatch(option -> option.value().equals(entry.getKey()))).mapToLong(Map.Entry::getValue).sum();
            assertThat(activeCounted.get(ServiceCounts.NO_OPTION)).as("%s: active, %s, no option", after, field.path())
                    .isEqualTo(optionless);
        }
    }
}
