package org.dossier.backup;

import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.db.EmbeddedMariaDb;
import org.dossier.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

/** The test database as a backup's source, and full row dumps of every table to compare two databases. */
final class TestBackups {
    private TestBackups() {}

    /** The embedded test server, dumped with the client programs of its own distribution. */
    static DumpSource source() {
        TestDatabase.Connection connection = TestDatabase.connection();
        URI uri = URI.create(connection.jdbcUrl().replaceFirst("^jdbc:", ""));
        String baseDir = TestDatabase.services().jdbi().withHandle(handle ->
                handle.createQuery("SELECT @@basedir").mapTo(String.class).one());
        return DumpSource.embedded(uri.getPort(), connection.user(), connection.password(), EmbeddedMariaDb.DATABASE,
                Path.of(baseDir));
    }

    /** Every row of every table but the job table, each column as text (bytes in hex), rows sorted. */
    static Map<String, List<String>> dump(Jdbi jdbi) {
        List<String> tables = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT table_name FROM information_schema.tables
                         WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name <> 'scheduled_tasks'
                         ORDER BY table_name
                        """).mapTo(String.class).list());
        Map<String, List<String>> dump = new LinkedHashMap<>();
        for (String table : tables) {
            dump.put(table, jdbi.withHandle(handle -> handle.select("SELECT * FROM `" + table + "`")
                    .map((rs, ctx) -> row(rs)).list()).stream().sorted().toList());
        }
        return dump;
    }

    private static String row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.append(meta.getColumnLabel(i)).append('=')
                    .append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value))
                    .append(i < meta.getColumnCount() ? ", " : "");
        }
        return row.toString();
    }
}
