package org.dossier.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dossier.db.SqlScanner.Piece;
import org.dossier.db.SqlScanner.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails the build when SQL on a tenant-scoped table does not filter on {@code tenant_id}, so that
 * one service can never read or change another's rows by a forgotten condition.
 *
 * <p>The tenant-scoped tables are read from the migrations: a new table is covered as soon as it
 * has the column. The SQL is read from every string literal and text block of the main code, one
 * Java expression at a time ({@code "SELECT " + COLUMNS + " FROM records WHERE tenant_id = ..."}
 * is one piece), and from any {@code .sql} resource outside the migrations. A piece naming a
 * tenant-scoped table after {@code FROM}, {@code JOIN}, {@code UPDATE} or {@code TRUNCATE} needs a
 * {@code tenant_id =} or {@code tenant_id IN} condition in its {@code WHERE} or {@code ON}; one
 * naming it after {@code INTO} needs the {@code tenant_id} column. SQL built over several
 * statements must therefore write the tenant condition in the piece that names the table. A
 * deliberate platform-wide query says so with {@code /* all tenants *}{@code /} in its SQL.
 * Details in {@link SqlScanner} and {@link JavaLiterals}.
 */
class TenantScopedSqlTest {
    private static final Set<String> TABLES = Set.of("records", "audit_events");

    @Test
    void every_sql_on_a_tenant_scoped_table_filters_on_tenant_id() {
        SqlScanner.Report report = SqlScanner.scanModule(Path.of(""));

        assertThat(report.tenantTables()).isNotEmpty().contains("records").doesNotContain("tenants");
        // Without this, a reader that found no SQL at all would pass.
        assertThat(report.pieces()).as("string expressions read from the main code").isGreaterThan(100);
        assertThat(report.violations())
                .as("SQL on a tenant-scoped table without tenant_id: add the condition, or mark a deliberate"
                        + " platform-wide query with %s", SqlScanner.ALL_TENANTS)
                .isEmpty();
    }

    @Test
    void tenant_scoped_tables_are_those_created_or_altered_with_a_tenant_id_column() {
        Set<String> tables = SqlScanner.tenantScopedTables(List.of("""
                -- tenant_id in a comment does not make a table tenant-scoped
                CREATE TABLE platform (
                    id               BIGINT      NOT NULL,
                    source_tenant_id BIGINT      NULL,
                    name             VARCHAR(10) NOT NULL,
                    PRIMARY KEY (id)
                ) DEFAULT CHARSET = utf8mb4;
                CREATE TABLE notes (
                    tenant_id BIGINT      NOT NULL,
                    body      VARCHAR(10) NOT NULL,
                    PRIMARY KEY (tenant_id, id)
                ) ENGINE = InnoDB;
                """, """
                CREATE TABLE IF NOT EXISTS `later` (id BIGINT);
                ALTER TABLE later ADD COLUMN note INT, ADD COLUMN tenant_id BIGINT NOT NULL;
                ALTER TABLE platform ADD COLUMN tenant_count INT;
                """));

        assertThat(tables).containsExactlyInAnyOrder("notes", "later");
    }

    @Test
    void a_query_without_tenant_id_is_reported_with_its_file_line_and_sql() {
        String source = """
                class NoteDao {
                    Optional<Note> find(long id) {
                        return handle.createQuery(\"""
                                SELECT data
                                  FROM records r
                                 WHERE r.id = :id
                                \""").bind("id", id).mapTo(Note.class).findOne();
                    }
                }
                """;

        assertThat(scan(source)).singleElement().hasToString(
                "NoteDao.java:3 uses records without tenant_id: SELECT data FROM records r WHERE r.id = :id");
    }

    @Test
    void filtered_inserting_marked_and_concatenated_queries_pass() {
        String source = """
                class RecordDao {
                    static final String COLUMNS = "id, data";
                    void queries(String lock) {
                        handle.createQuery("SELECT * FROM records WHERE tenant_id = :tenantId AND id = :id");
                        handle.createUpdate("DELETE FROM records WHERE tenant_id IN (<tenantIds>)");
                        handle.createUpdate("INSERT INTO audit_events (tenant_id, id) VALUES (:tenantId, :id)");
                        handle.createQuery("SELECT " + COLUMNS + " FROM records WHERE tenant_id = :tenantId AND id = :id" + lock);
                        handle.createQuery("SELECT r.id"
                                + " FROM records r JOIN audit_events a ON a.tenant_id = r.tenant_id AND a.target_id = r.id"
                                + " WHERE r.tenant_id = :tenantId");
                        handle.createQuery("SELECT /* all tenants */ COUNT(*) FROM records");
                        handle.createQuery("SELECT * FROM users WHERE id = :id");
                    }
                }
                """;

        assertThat(scan(source)).isEmpty();
    }

    @Test
    void the_literals_of_one_expression_are_one_piece_and_the_code_between_them_is_elided() {
        String source = """
                class Dao {
                    String select = "SELECT " + COLUMNS + " FROM rec" + "ords"
                            + " WHERE id = :id" + lock;
                    String other = "SELECT 1";
                }
                """;

        assertThat(JavaLiterals.pieces(source)).containsExactly(
                new Piece("SELECT  ...  FROM records WHERE id = :id", 2), new Piece("SELECT 1", 4));
    }

    @Test
    void separate_expressions_are_read_apart_and_a_condition_built_elsewhere_does_not_count() {
        String source = """
                class Dao {
                    void queries(boolean all) {
                        List.of(handle.createQuery("SELECT id FROM records WHERE tenant_id = :tenantId"),
                                handle.createQuery("SELECT id FROM audit_events WHERE id = :id"));
                        handle.createUpdate("INSERT INTO records (id) VALUES (:id)").bind("tenant_id", tenantId);
                        handle.createQuery(all ? "SELECT id FROM records" : "SELECT id FROM records WHERE tenant_id = :t");
                        StringBuilder where = new StringBuilder("tenant_id = :tenantId");
                        handle.createQuery("SELECT COUNT(*) FROM records WHERE " + where);
                        handle.createQuery("SELECT tenant_id, data FROM records WHERE id = :id");
                    }
                }
                """;

        assertThat(scan(source)).extracting(Violation::line, Violation::table).containsExactly(
                tuple(4, "audit_events"), tuple(5, "records"), tuple(6, "records"), tuple(8, "records"),
                tuple(9, "records"));
    }

    @Test
    void comments_character_literals_and_escapes_are_read_as_javac_reads_them() {
        String source = """
                class Dao {
                    // handle.createQuery("DELETE FROM records") in a comment is not code
                    /* nor "UPDATE records SET data = NULL" here */
                    char quote = '"';
                    String escaped = "say \\"hi\\" \\\\";
                    String leak = "SELECT data\\nFROM\\trecords WHERE id = :id";
                    String block = \"""
                            SELECT '\\\"""' FROM records \\
                            WHERE tenant_id = :tenantId\""";
                }
                """;

        assertThat(JavaLiterals.pieces(source)).extracting(piece -> piece.sql().replaceAll("\\s+", " ").strip())
                .containsExactly("say \"hi\" \\", "SELECT data FROM records WHERE id = :id",
                        "SELECT '\"\"\"' FROM records WHERE tenant_id = :tenantId");
        assertThat(scan(source)).extracting(Violation::line).containsExactly(6);
    }

    @Test
    void a_module_fails_on_a_violation_in_its_java_code_or_in_a_sql_resource(@TempDir Path module) throws IOException {
        write(module.resolve("src/main/resources/db/migration/V1__notes.sql"), """
                CREATE TABLE notes (tenant_id BIGINT NOT NULL, id BIGINT NOT NULL, body TEXT NOT NULL);
                UPDATE notes SET body = '' WHERE id = 0;
                """);
        write(module.resolve("src/main/java/org/example/NoteDao.java"), """
                class NoteDao {
                    String find = "SELECT body FROM notes WHERE tenant_id = :tenantId AND id = :id";
                    String purge = "DELETE FROM notes WHERE id = :id";
                }
                """);
        write(module.resolve("src/main/resources/org/example/NoteDao.sql"), """
                -- Loaded by name.
                SELECT COUNT(*) FROM notes WHERE tenant_id = :tenantId;

                SELECT COUNT(*) FROM notes;
                SELECT /* all tenants */ COUNT(*) FROM notes;
                """);

        SqlScanner.Report report = SqlScanner.scanModule(module);

        assertThat(report.tenantTables()).containsExactly("notes");
        assertThat(report.violations()).extracting(Violation::toString).containsExactly(
                "src/main/java/org/example/NoteDao.java:3 uses notes without tenant_id: DELETE FROM notes WHERE id = :id",
                "src/main/resources/org/example/NoteDao.sql:4 uses notes without tenant_id: SELECT COUNT(*) FROM notes");
    }

    private static List<Violation> scan(String source) {
        return SqlScanner.check("NoteDao.java", JavaLiterals.pieces(source), TABLES);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
