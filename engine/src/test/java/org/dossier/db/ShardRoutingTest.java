package org.dossier.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.db.ShardRouting.Route;
import org.junit.jupiter.api.Test;

/**
 * Checks the code's SQL against the Vitess VSchema of {@code deploy/vitess/vschema.json}: every
 * statement on a sharded table goes to one shard (or to the shards of a listed set of services), or
 * is a platform-wide scatter marked {@code /* all tenants *}{@code /}; and the VSchema itself names
 * every table of the migrations once, shards every tenant-scoped one on {@code tenant_id} and gives
 * the ids of the sharded tables that have an {@code AUTO_INCREMENT} column from a sequence.
 */
class ShardRoutingTest {
    /**
     * Statements known to span both keyspaces, by file and opening words, with what they need before
     * a move to Vitess. Vitess runs them in two steps (the subquery on the shard, then the write on
     * the unsharded keyspace), so the check and the write are no longer atomic.
     */
    private static final Map<String, String> KNOWN_CROSS_KEYSPACE = Map.of(
            "src/main/java/org/dossier/tenant/TenantDao.java UPDATE tenants SET template = TRUE",
            "marks a service as a template only while it has no case file: under Vitess, lock the"
                    + " service's row, count its case files on its shard, then update",
            "src/main/java/org/dossier/offboarding/OffboardingDao.java DELETE FROM users WHERE id IN",
            "deletes the accounts left without any membership (a correlated subquery on every shard, which"
                    + " Vitess does not run across keyspaces): under Vitess, read the accounts' memberships"
                    + " first, then delete by id");

    /** Sharded tables only triggers on the shard write (stats/CountedAnswers). */
    private static final Set<String> WRITTEN_BY_TRIGGERS_ONLY = Set.of("statistics_deltas");

    private static final VSchema VSCHEMA = VSchema.load();
    private static final ShardRouting ROUTING = new ShardRouting(VSCHEMA);

    @Test
    void every_statement_on_a_sharded_table_routes_to_one_shard_or_is_a_marked_scatter() {
        ShardRouting.Report report = ROUTING.check(SqlScanner.sources(Path.of("")));

        // Without this, a reader that found no SQL at all would pass.
        assertThat(report.routed()).as("statements on sharded tables").hasSizeGreaterThan(150);
        assertThat(report.routed()).extracting(ShardRouting.Routed::route).contains(Route.ONE_SHARD, Route.SCATTER_MARKED);
        assertThat(report.problems().stream().filter(problem -> !known(problem)).map(Object::toString))
                .as("statements that Vitess would send to every shard or across keyspaces: pin tenant_id with an"
                        + " equality, or mark a deliberate platform-wide query with %s", SqlScanner.ALL_TENANTS)
                .isEmpty();
        assertThat(report.problems()).as("the known cross-keyspace statements, still there")
                .hasSize(KNOWN_CROSS_KEYSPACE.size());
    }

    private static boolean known(ShardRouting.Problem problem) {
        String sql = problem.sql().replaceAll("\\s+", " ").strip();
        return KNOWN_CROSS_KEYSPACE.keySet().stream().anyMatch(key -> key.equals(problem.file() + " "
                + sql.substring(0, Math.min(sql.length(), key.length() - problem.file().length() - 1))));
    }

    @Test
    void a_trigger_stays_on_its_shard_only_when_it_writes_the_tenant_id_of_the_row_that_fired_it() {
        assertThat(ShardRouting.trigger("""
                create trigger t after insert on records for each row insert into statistics_deltas (tenant_id, sign)
                select new.tenant_id, 1 from dual""").route()).isEqualTo(Route.ONE_SHARD);
        assertThat(ShardRouting.trigger("""
                create trigger t before update on audit_chain_heads for each row begin if new.next_id is not null then
                insert into audit_events (tenant_id, id, seq) values (new.tenant_id, new.next_id, new.seq); end if; end""")
                .route()).isEqualTo(Route.ONE_SHARD);
        assertThat(ShardRouting.trigger("""
                create trigger t before update on audit_chain_heads for each row
                insert into audit_events (tenant_id, id) values (0, new.next_id)""").problem())
                .startsWith("a trigger must write the tenant_id");
        assertThat(ShardRouting.trigger("""
                create trigger t after insert on records for each row insert into statistics_deltas (tenant_id, sign)
                select 7, 1 from dual""").problem()).startsWith("a trigger must write the tenant_id");
    }

    @Test
    void a_statement_pinned_on_tenant_id_goes_to_one_shard() {
        assertThat(route("SELECT data FROM records WHERE tenant_id = :tenantId AND id = :id")).isEqualTo("ONE_SHARD");
        assertThat(route("UPDATE records SET data = :data WHERE id = :id AND tenant_id = ?")).isEqualTo("ONE_SHARD");
        assertThat(route("DELETE FROM record_holds WHERE tenant_id = 42 AND record_id = :id")).isEqualTo("ONE_SHARD");
        assertThat(route("INSERT INTO records (tenant_id, id, data) VALUES (:tenantId, :id, :data)")).isEqualTo("ONE_SHARD");
        assertThat(route("SELECT id FROM users WHERE email = :email")).as("platform only").isEqualTo("ONE_SHARD");
    }

    @Test
    void joins_and_subqueries_are_pinned_through_equalities_of_tenant_id() {
        assertThat(route("""
                SELECT r.id, h.reason FROM record_holds h JOIN records r ON r.tenant_id = h.tenant_id AND r.id = h.record_id
                 WHERE h.tenant_id = :tenantId""")).isEqualTo("ONE_SHARD");
        assertThat(route("""
                SELECT r.id FROM records r WHERE r.tenant_id = :tenantId
                   AND NOT EXISTS (SELECT 1 FROM record_holds h WHERE h.tenant_id = r.tenant_id AND h.record_id = r.id)"""))
                .isEqualTo("ONE_SHARD");
        assertThat(route("""
                SELECT m.role, u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = :tenantId"""))
                .as("users is a reference table, copied into every shard").isEqualTo("ONE_SHARD");
    }

    @Test
    void a_sharded_table_left_unpinned_anywhere_in_the_statement_is_reported() {
        assertThat(route("SELECT data FROM records WHERE id = :id")).isEqualTo("records is not pinned to one tenant_id");
        assertThat(route("SELECT data FROM records WHERE tenant_id = :tenantId OR id = :id"))
                .as("under OR the equality does not always hold").isEqualTo("records is not pinned to one tenant_id");
        assertThat(route("SELECT data FROM records WHERE NOT (tenant_id = :tenantId)"))
                .isEqualTo("records is not pinned to one tenant_id");
        assertThat(route("""
                SELECT r.id FROM records r JOIN record_holds h ON h.record_id = r.id WHERE r.tenant_id = :tenantId"""))
                .isEqualTo("record_holds is not pinned to one tenant_id");
        assertThat(route("""
                SELECT id FROM records WHERE tenant_id = :tenantId AND id IN (SELECT record_id FROM record_holds)"""))
                .isEqualTo("record_holds is not pinned to one tenant_id");
        assertThat(route("UPDATE records SET data = :data WHERE tenant_id = (SELECT id FROM tenants WHERE slug = :slug)"))
                .as("a value Vitess must first compute does not route").isEqualTo("records is not pinned to one tenant_id");
        assertThat(route("INSERT INTO records (id, data) VALUES (:id, :data)"))
                .isEqualTo("inserts into records without naming tenant_id");
    }

    @Test
    void joining_a_sharded_table_with_one_kept_only_in_the_unsharded_keyspace_is_reported() {
        assertThat(route("""
                SELECT s.id FROM sessions s JOIN memberships m ON m.user_id = s.user_id WHERE m.tenant_id = :tenantId"""))
                .isEqualTo("joins a sharded table with sessions, which is in no shard (not a reference table)");
        assertThat(route("UPDATE tenants SET template = TRUE WHERE id = :id AND NOT EXISTS"
                + " (SELECT 1 FROM records WHERE tenant_id = :id)"))
                .isEqualTo("writes tenants, kept in the unsharded keyspace, from a sharded table's rows");
        assertThat(route("SELECT id FROM nowhere WHERE tenant_id = :tenantId JOIN records"))
                .startsWith("cannot be parsed");
    }

    @Test
    void a_list_of_services_goes_to_their_shards_and_the_marker_says_all_of_them() {
        assertThat(route("SELECT COUNT(*) FROM memberships WHERE tenant_id IN (<tenantIds>) AND active"))
                .isEqualTo("LISTED_SHARDS");
        ShardRouting.Report report = ROUTING.check(List.of(new SqlScanner.Source("Dao.java", List.of(
                new SqlScanner.Piece("SELECT /* all tenants */ COUNT(*) FROM records", 3),
                new SqlScanner.Piece("SELECT COUNT(*) FROM records", 4),
                new SqlScanner.Piece("SELECT 'a message about records, not SQL'", 5),
                new SqlScanner.Piece("SELECT u.email FROM users u, memberships m WHERE m.user_id = u.id", 6)))));
        assertThat(report.scatters()).extracting(ShardRouting.Routed::line).containsExactly(3);
        assertThat(ROUTING.verdict("SELECT /* all tenants */ s.id FROM sessions s JOIN memberships m ON m.user_id = s.user_id",
                true).problem()).as("the marker allows every shard, not two keyspaces")
                .isEqualTo("joins a sharded table with sessions, which is in no shard (not a reference table)");
        assertThat(report.problems()).extracting(Object::toString)
                .containsExactly("Dao.java:4 records is not pinned to one tenant_id: SELECT COUNT(*) FROM records",
                        "Dao.java:6 memberships is not pinned to one tenant_id:"
                                + " SELECT u.email FROM users u, memberships m WHERE m.user_id = u.id");
    }

    @Test
    void code_between_literals_and_fragments_are_read_as_sql() {
        assertThat(ShardRouting.normalized("SELECT ... FROM records WHERE tenant_id = :tenantId AND id = :id ... FOR UPDATE ..."))
                .isEqualTo("SELECT elided FROM records WHERE tenant_id = :p_tenantId AND id = :p_id FOR UPDATE");
        assertThat(ShardRouting.normalized("LEFT JOIN memberships m ON m.tenant_id = :tenantId AND m.user_id = u.id"))
                .isEqualTo("SELECT * FROM fragment LEFT JOIN memberships m ON m.tenant_id = :p_tenantId AND m.user_id = u.id");
        assertThat(route("LEFT JOIN memberships m ON m.user_id = u.id"))
                .isEqualTo("memberships is not pinned to one tenant_id");
        assertThat(route("SELECT r.id FROM records r, JSON_TABLE(r.data, '$[*]' COLUMNS (a VARCHAR(9) PATH '$')) found"
                + " WHERE r.tenant_id = :tenantId")).isEqualTo("ONE_SHARD");
    }

    @Test
    void the_vschema_names_every_table_once_and_shards_every_tenant_scoped_one_on_tenant_id() {
        List<String> migrations = SqlScanner.migrations(Path.of(""));
        Set<String> created = new TreeSet<>();
        Matcher create = Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)")
                .matcher(String.join("\n", migrations));
        while (create.find()) {
            created.add(create.group(1).toLowerCase(Locale.ROOT));
        }
        Set<String> named = new TreeSet<>(VSCHEMA.sharded().keySet());
        named.addAll(VSCHEMA.unsharded());
        named.removeAll(VSCHEMA.sequences());
        // Flyway's own table, created by Flyway rather than by a migration, on the platform keyspace.
        assertThat(VSCHEMA.unsharded()).contains("flyway_schema_history");
        named.remove("flyway_schema_history");

        assertThat(created).hasSizeGreaterThan(30);
        assertThat(named).as("the tables of the VSchema (sequences aside) are those of the migrations")
                .isEqualTo(created);
        assertThat(VSCHEMA.sharded().keySet()).as("sharded or unsharded, never both")
                .doesNotContainAnyElementsOf(VSCHEMA.unsharded());
        Set<String> tenantScoped = SqlScanner.tenantScopedTables(migrations);
        assertThat(tenantScoped).allSatisfy(table ->
                assertThat(VSCHEMA.sharded()).as(table).containsEntry(table, "tenant_id"));
        assertThat(VSCHEMA.vindexTypes()).isNotEmpty().allSatisfy((name, type) -> assertThat(type).isIn("hash", "xxhash"));
    }

    @Test
    void reference_tables_copy_a_platform_table_and_auto_increment_ids_come_from_sequences() throws Exception {
        assertThat(VSCHEMA.reference()).isNotEmpty().allSatisfy((table, source) ->
                assertThat(source).isEqualTo("platform." + table));
        assertThat(VSCHEMA.reference().keySet()).allSatisfy(table -> assertThat(VSCHEMA.unsharded()).contains(table));
        Set<String> autoIncremented = new TreeSet<>();
        for (String migration : SqlScanner.migrations(Path.of(""))) {
            Matcher table = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(\\w+)\\s*\\(([^;]*)").matcher(migration);
            while (table.find()) {
                if (table.group(2).replaceAll("--[^\\n]*", "").toUpperCase(Locale.ROOT).contains("AUTO_INCREMENT")) {
                    autoIncremented.add(table.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        autoIncremented.retainAll(VSCHEMA.sharded().keySet());
        // Written only by triggers on the shard itself, never through Vitess, keyed by tenant then id:
        // the shard's own AUTO_INCREMENT is what numbers them.
        autoIncremented.removeAll(WRITTEN_BY_TRIGGERS_ONLY);
        assertThat(autoIncremented).as("sharded tables with an AUTO_INCREMENT id").isNotEmpty();
        assertThat(VSCHEMA.autoIncrements().keySet()).isEqualTo(autoIncremented);
        assertThat(VSCHEMA.autoIncrements().values()).allSatisfy(sequence ->
                assertThat(VSCHEMA.sequences()).contains(sequence.substring("platform.".length())));
        assertThat(Files.readString(VSchema.FILE)).contains("\"sharded\": true");
    }

    private static String route(String sql) {
        ShardRouting.Verdict verdict = ROUTING.verdict(sql);
        return verdict.problem() == null ? verdict.route().name() : verdict.problem();
    }
}
