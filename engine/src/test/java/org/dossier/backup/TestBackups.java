package org.dossier.backup;

import java.net.URI;
import java.nio.file.Path;
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
        return org.dossier.offboarding.TableDump.wholeDatabase(jdbi);
    }
}
