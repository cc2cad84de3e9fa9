package org.dossier.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.demo.DemoSeeder;
import org.dossier.form.BaseSchema;
import org.dossier.form.CompiledForm;
import org.dossier.form.CustomisationCompiler;
import org.dossier.form.FormService;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;
import org.dossier.stats.SharedFields.Reason;
import org.dossier.stats.StatisticsReport.Breakdown;
import org.dossier.stats.StatisticsReport.Excluded;
import org.dossier.stats.StatisticsReport.ServiceRow;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The statistics of three services on the real database: what the queries count, which services
 * are compared on which field, and that the report shows true counts or suppressed ones, never a
 * small count a reader could work out.
 *
 * <p>A (base form): 36 active case files (30 this month, 6 two months ago), 8 archived, and 2 due
 * for deletion that no figure counts; 6 active users and one deactivated. B (Service B's form,
 * branch hidden, eviction module off): 12 active, 5 archived; 2 users. C (housing hidden, eviction
 * module off): 3 active; 5 users, one of whom also belongs to A.
 */
@Tag("integration")
class PlatformStatisticsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME_MARK = "Statzqx";
    private static Services services;
    private static Tenant a;
    private static Tenant b;
    private static Tenant c;
    private static Tenant template;
    private static Instant now;
    private static LocalDate today;

    @BeforeAll
    static void setUp() throws Exception {
        services = TestDatabase.services();
        now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        today = LocalDate.ofInstant(now, Retention.ZONE);
        a = TestTenants.withBaseForm(services, "stats-a");
        b = TestTenants.withForm(services, "stats-b", DemoSeeder.serviceBDefinition());
        c = TestTenants.withForm(services, "stats-c", new CustomisationCompiler().compile(BaseSchema.baseSchema(), JSON.readTree("""
                {"fields": {"logement_ressources.type_logement": {"hidden": true}}, "modules": {"prevention-expulsions": false}}
                """)).definition());
        template = TestTenants.withBaseForm(services, "stats-template");
        services.jdbi().useHandle(handle -> handle.createUpdate("UPDATE tenants SET template = TRUE WHERE id = :id")
                .bind("id", template.id().value()).execute());
        template = services.tenants().find(template.slug()).orElseThrow();
        assertThat(template.template()).isTrue();

        Instant twoMonthsAgo = now.atZone(Retention.ZONE).minusMonths(2).toInstant();
        Instant threeYearsAgo = now.atZone(Retention.ZONE).minusYears(3).toInstant();
        Instant sevenYearsAgo = now.atZone(Retention.ZONE).minusYears(7).toInstant();
        seed(a, 20, "locataire_parc_social", now);
        seed(a, 10, "locataire_parc_prive", now);
        seed(a, 6, "locataire_parc_social", twoMonthsAgo);
        seed(a, 8, "proprietaire", threeYearsAgo);
        seed(a, 2, "locataire_parc_prive", sevenYearsAgo);
        seed(b, 12, "sans_domicile", now);
        seed(b, 5, "heberge_tiers", threeYearsAgo);
        seed(c, 3, null, now);

        List<User> ofA = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ofA.add(TestUsers.member(services, a, Role.CASEWORKER, false));
        }
        services.jdbi().useHandle(handle -> handle.createUpdate(
                "UPDATE memberships SET active = FALSE WHERE tenant_id = :tenantId AND user_id = :userId")
                .bind("tenantId", a.id().value()).bind("userId", ofA.get(6).id()).execute());
        for (int i = 0; i < 2; i++) {
            TestUsers.member(services, b, Role.VIEWER, false);
        }
        for (int i = 0; i < 4; i++) {
            TestUsers.member(services, c, Role.CASEWORKER, false);
        }
        TestUsers.join(services, ofA.get(0), c, Role.ADMIN, false);
    }

    private static void seed(Tenant tenant, int count, String housing, Instant at) {
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        services.jdbi().useTransaction(handle -> {
            for (int i = 0; i < count; i++) {
                ObjectNode data = TestRecords.validData(NAME_MARK + i);
                if (housing != null) {
                    data.putObject("logement_ressources").put("type_logement", housing);
                }
                JsonNode clean = services.records().validated(form, data, Locale.FRENCH);
                services.records().insertValidated(handle, tenant.id(), form, clean, Actor.system("test"), at);
            }
        });
    }

    private static StatisticsReport report() {
        return services.statistics().compute(List.of(a, b, c, template), today);
    }

    private static List<java.time.Instant> monthStarts() {
        List<Instant> starts = new ArrayList<>();
        YearMonth first = YearMonth.from(today).minusMonths(11);
        for (int m = 0; m <= 12; m++) {
            starts.add(first.plusMonths(m).atDay(1).atStartOfDay(Retention.ZONE).toInstant());
        }
        return starts;
    }

    // ---- what the queries count ------------------------------------------------------------------

    @Test
    void case_files_are_counted_by_phase_and_month_of_creation_and_those_due_for_deletion_are_left_out() {
        StatisticsDao.CaseFiles files = counted(a, Retention.on(today, RetentionPolicy.DEFAULT), monthStarts()).caseFiles();

        assertThat(files.active()).isEqualTo(36);
        assertThat(files.archived()).isEqualTo(8);
        long[] expected = new long[12];
        expected[11] = 30;
        expected[9] = 6;
        assertThat(files.newPerMonth()).containsExactly(expected);
    }

    @Test
    void answers_are_counted_per_option_over_the_kept_case_files() {
        CaseFileCounts.Counted counted = counted(a, Retention.on(today, RetentionPolicy.DEFAULT), monthStarts());

        assertThat(answered(counted, "logement_ressources.type_logement")).containsOnly(
                Map.entry("locataire_parc_social", 26L), Map.entry("locataire_parc_prive", 10L),
                Map.entry("proprietaire", 8L));
        // No branch is stored: no option answered. The 2 case files due for deletion count nowhere.
        assertThat(answered(counted, "accompagnement.statut")).containsOnly(Map.entry("en_cours", 44L));
        assertThat(answered(counted, "accompagnement.antenne")).isEmpty();
    }

    /** The service's counts, its deltas folded first. */
    static CaseFileCounts.Counted counted(Tenant tenant, Retention retention, List<Instant> monthStarts) {
        CaseFileCounts.fold(services.jdbi(), tenant.id());
        return services.jdbi().withHandle(handle -> CaseFileCounts.read(handle, tenant.id(), retention, monthStarts));
    }

    /** The options of the field at {@code path} answered at least once, with their counts. */
    static Map<String, Long> answered(CaseFileCounts.Counted counted, String path) {
        SharedFields.SharedField field = CountedAnswers.FIELDS.stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow();
        Map<String, Long> found = new LinkedHashMap<>();
        for (int i = 0; i < field.options().size(); i++) {
            if (counted.answered(field, i) != 0) {
                found.put(field.options().get(i).value(), counted.answered(field, i));
            }
        }
        return found;
    }

    @Test
    void active_users_are_active_memberships_and_a_person_in_two_services_counts_once_across_them() {
        services.jdbi().useHandle(handle -> {
            StatisticsDao dao = new StatisticsDao(handle);
            assertThat(dao.activeUsers(a.id())).isEqualTo(6);
            assertThat(dao.activeUsers(c.id())).isEqualTo(5);
            assertThat(dao.distinctActiveUsers(List.of(a.id(), b.id(), c.id()))).isEqualTo(12);
            assertThat(dao.lastActivity(a.id())).hasValueSatisfying(last ->
                    assertThat(Duration.between(last, Instant.now()).abs()).isLessThan(Duration.ofMinutes(5)));
            assertThat(dao.lastActivity(template.id())).isEmpty();
        });
    }

    // ---- the report -------------------------------------------------------------------------------

    @Test
    void templates_are_left_out_and_services_come_in_name_order() {
        StatisticsReport report = report();

        assertThat(report.services()).extracting(row -> row.service().orElseThrow()).containsExactly(a, b, c);
        assertThat(report.months()).hasSize(12).last().isEqualTo(YearMonth.from(today));
    }

    @Test
    void a_service_is_compared_on_a_field_only_while_its_form_has_it_as_the_base_does_and_the_report_says_why_not() {
        StatisticsReport report = report();

        Breakdown housing = breakdown(report, "logement_ressources.type_logement");
        assertThat(housing.included()).containsExactly(a, b);
        assertThat(housing.excluded()).extracting(Excluded::service, excluded -> excluded.why().reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(c, Reason.HIDDEN));
        Breakdown branch = breakdown(report, "accompagnement.antenne");
        assertThat(branch.included()).containsExactly(a, c);
        assertThat(branch.excluded()).extracting(Excluded::service, excluded -> excluded.why().reason())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(b, Reason.HIDDEN));
        assertThat(breakdown(report, "accompagnement.statut").excluded()).isEmpty();
        assertThat(report.breakdowns()).extracting(row -> row.field().path()).doesNotContain("prevention_expulsions.stade");
        assertThat(report.unshared()).singleElement().satisfies(unshared -> {
            assertThat(unshared.field().path()).isEqualTo("prevention_expulsions.stade");
            assertThat(unshared.included()).containsExactly(a);
            assertThat(unshared.excluded()).extracting(Excluded::service, excluded -> excluded.why().reason())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(b, Reason.MODULE_OFF),
                            org.assertj.core.groups.Tuple.tuple(c, Reason.MODULE_OFF));
        });
    }

    @Test
    void every_count_from_1_to_4_is_suppressed_and_every_figure_shown_is_the_true_count() {
        ReportReader reader = new ReportReader(report());
        Map<String, Long> truth = truth();

        assertThat(reader.figures.keySet()).containsExactlyInAnyOrderElementsOf(truth.keySet());
        truth.forEach((cell, value) -> {
            Figure figure = reader.figures.get(cell);
            if (value > 0 && value < 5) {
                assertThat(figure.suppressed()).as("%s = %d", cell, value).isTrue();
            } else if (!figure.suppressed()) {
                assertThat(figure.value()).as(cell).isEqualTo(value);
            }
        });
        // C's 3 active case files, its total, and the cells suppressed so that neither its row nor the
        // columns give them away: B's active count and total (B's 5 archived stay, a 2-cell gap per sum).
        assertThat(reader.figures.entrySet().stream().filter(entry -> entry.getKey().startsWith("services|")
                && entry.getValue().suppressed()).map(Map.Entry::getKey)).containsExactlyInAnyOrder(
                "services|" + b.slug() + "|active", "services|" + b.slug() + "|total",
                "services|" + c.slug() + "|active", "services|" + c.slug() + "|total");
        assertThat(reader.figure("services", Optional.of(a), "total")).isEqualTo(Figure.of(44));
        assertThat(reader.figure("services", Optional.empty(), "total")).as("the 2 case files due for deletion are not counted")
                .isEqualTo(Figure.of(64));
        assertThat(reader.figure("services", Optional.of(c), "archived")).isEqualTo(Figure.of(0));
    }

    @Test
    void a_reader_of_the_tables_recovers_no_small_count_by_subtracting_totals_or_combining_the_tables() {
        ReportReader reader = new ReportReader(report());
        Map<String, Long> truth = truth();

        Map<String, Long> recovered = new Attacker(reader.relations, reader.figures).recovered();

        recovered.forEach((cell, value) -> assertThat(value).as(cell).isEqualTo(truth.get(cell)));
        assertThat(recovered.keySet()).noneMatch(cell -> truth.get(cell) > 0 && truth.get(cell) < 5);
        for (Attacker.Relation relation : reader.relations) {
            long suppressed = relation.parts().stream().filter(part -> reader.figures.get(part).suppressed()).count()
                    + (reader.figures.get(relation.total()).suppressed() ? 1 : 0);
            assertThat(suppressed).as("suppressed cells in %s", relation).isNotEqualTo(1);
        }
    }

    @Test
    void active_users_and_last_activity_are_shown_per_service() {
        StatisticsReport report = report();

        ServiceRow rowOfA = report.services().get(0);
        assertThat(rowOfA.users()).isEqualTo(Figure.of(6));
        assertThat(report.services().get(1).users().suppressed()).isTrue();
        assertThat(report.allServices().users()).isEqualTo(Figure.of(12));
        assertThat(rowOfA.lastActivity()).isPresent();
    }

    @Test
    void the_current_report_serves_again_for_the_same_services_and_is_recomputed_when_they_change() {
        PlatformStatistics statistics = new PlatformStatistics(services.jdbi(), services.forms());

        StatisticsReport first = statistics.current(List.of(a, b));

        assertThat(statistics.current(List.of(a, b))).isSameAs(first);
        assertThat(statistics.current(List.of(a, b, c))).isNotSameAs(first)
                .satisfies(report -> assertThat(report.services()).hasSize(3));
    }

    private static Breakdown breakdown(StatisticsReport report, String path) {
        return report.breakdowns().stream().filter(breakdown -> breakdown.field().path().equals(path)).findFirst().orElseThrow();
    }

    /** Every figure of the report as seeded, named as {@link ReportReader} names them. */
    private static Map<String, Long> truth() {
        Map<String, Long> truth = new LinkedHashMap<>();
        String sa = a.slug();
        String sb = b.slug();
        String sc = c.slug();
        put(truth, "services|" + sa, 36, 8, 44);
        put(truth, "services|" + sb, 12, 5, 17);
        put(truth, "services|" + sc, 3, 0, 3);
        put(truth, "services|all", 51, 13, 64);
        months(truth, sa, 30, 6);
        months(truth, sb, 12, 0);
        months(truth, sc, 3, 0);
        months(truth, "all", 45, 6);
        // Across the services compared. Options of the base: statut (4), antenne (5), civilite (3), nationalite (5),
        // situation_familiale (7), type_logement (6: prive, social, proprietaire, heberge_tiers, urgence,
        // sans_domicile); then no answer.
        answers(truth, "accompagnement.statut", 4, Map.of(1, 64L));
        answers(truth, "identite.civilite", 3, Map.of(3, 64L));
        answers(truth, "identite.nationalite", 5, Map.of(5, 64L));
        answers(truth, "identite.situation_familiale", 7, Map.of(7, 64L));
        answers(truth, "accompagnement.antenne", 5, Map.of(5, 47L));
        answers(truth, "logement_ressources.type_logement", 6, Map.of(0, 10L, 1, 26L, 2, 8L, 3, 5L, 5, 12L));
        return truth;
    }

    private static void put(Map<String, Long> truth, String row, long active, long archived, long total) {
        truth.put(row + "|active", active);
        truth.put(row + "|archived", archived);
        truth.put(row + "|total", total);
    }

    private static void months(Map<String, Long> truth, String service, long thisMonth, long twoMonthsAgo) {
        for (int m = 0; m < 12; m++) {
            truth.put("months|" + service + "|" + m, m == 11 ? thisMonth : m == 9 ? twoMonthsAgo : 0L);
        }
        truth.put("months|" + service + "|total", thisMonth + twoMonthsAgo);
    }

    private static void answers(Map<String, Long> truth, String field, int options, Map<Integer, Long> counts) {
        long total = 0;
        for (int i = 0; i <= options; i++) {
            long n = counts.getOrDefault(i, 0L);
            truth.put("breakdown:" + field + "|" + i, n);
            total += n;
        }
        truth.put("breakdown:" + field + "|total", total);
    }
}
