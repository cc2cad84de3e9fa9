package org.dossier.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when SQL on a tenant-scoped table does not filter on {@code tenant_id}. The
 * tenant-scoped tables are read from the migrations, so a new table is covered as soon as it has
 * the column. See {@link SqlScanner} for the rule.
 */
class TenantScopedSqlTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void every_statement_on_a_tenant_scoped_table_filters_on_tenant_id() {
        Set<String> tables = SqlScanner.tenantScopedTables(read(files(MIGRATIONS, ".sql")));
        assertThat(tables).contains("records", "form_versions", "audit_events", "memberships").doesNotContain("tenants", "users");

        List<SqlScanner.Violation> violations = new ArrayList<>();
        int statements = 0;
        for (Path file : files(MAIN, ".java")) {
            String source = read(List.of(file)).get(0);
            statements += SqlScanner.pieces(source).size();
            violations.addAll(SqlScanner.scan(MAIN.relativize(file).toString(), source, tables));
        }

        assertThat(statements).as("literals found in the main code").isGreaterThan(100);
        assertThat(violations).isEmpty();
    }

    @Test
    void the_scanner_catches_a_query_without_tenant_id_and_accepts_the_others() {
        Set<String> tables = SqlScanner.tenantScopedTables(List.of("""
                -- a comment mentioning tenant_id in a platform table must not count
                CREATE TABLE platform (id BIGINT, name VARCHAR(10)) ENGINE = InnoDB;
                CREATE TABLE records (
                    tenant_id BIGINT NOT NULL,
                    id BINARY(16) NOT NULL,
                    PRIMARY KEY (tenant_id, id)
                ) ENGINE = InnoDB;
                CREATE TABLE later (id BIGINT) ENGINE = InnoDB;
                ALTER TABLE later ADD COLUMN tenant_id BIGINT NOT NULL;
                """));
        assertThat(tables).containsExactlyInAnyOrder("records", "later");

        String source = """
                class Dao {
                    void ok() { handle.createQuery("SELECT * FROM records WHERE tenant_id = :t AND id = :id"); }
                    void leak() {
                        handle.createQuery(\"""
                                SELECT data
                                  FROM records r
                                 WHERE r.id = :id
                                \""");
                    }
                    void joined() { handle.createQuery("SELECT " + COLUMNS + " FROM records WHERE tenant_id = :t" + lock); }
                    void platform() { handle.createQuery("SELECT /* all tenants */ COUNT(*) FROM records"); }
                    void update() { handle.createUpdate("UPDATE later SET x = 1 WHERE id = :id"); }
                    void other() { handle.createQuery("SELECT * FROM platform WHERE id = :id"); }
                    void selected() { handle.createQuery("SELECT tenant_id, data FROM records WHERE id = :id"); }
                    void inserted() { handle.createUpdate("INSERT INTO records (tenant_id, id) VALUES (:t, :id)"); }
                    // handle.createQuery("DELETE FROM records") in a comment is not code
                    void builtInTwoSteps() {
                        String where = "tenant_id = :t";
                        handle.createQuery("SELECT * FROM records WHERE " + where);
                    }
                }
                """;

        List<SqlScanner.Violation> violations = SqlScanner.scan("Dao.java", source, tables);

        assertThat(violations).extracting(SqlScanner.Violation::table, SqlScanner.Violation::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("records", 4),
                        org.assertj.core.groups.Tuple.tuple("later", 12),
                        org.assertj.core.groups.Tuple.tuple("records", 14),
                        org.assertj.core.groups.Tuple.tuple("records", 19));
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(List<Path> files) {
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            try {
                texts.add(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }
}
