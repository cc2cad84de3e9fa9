package org.dossier.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.Services;
import org.dossier.db.Database;
import org.dossier.db.EmbeddedMariaDb;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

/**
 * The database of the integration tests, started once per test JVM with the real migrations.
 * By default an embedded MariaDB; with {@code -Ddossier.test.db=mysql} a MySQL 8 container, and
 * when Docker is absent every integration test of that run is skipped with a visible message.
 */
public final class TestDatabase {
    public static final String MODE = System.getProperty("dossier.test.db", "mariadb");
    private static Services services;
    private static Database database;
    private static String skipReason;
    private static Connection connection;

    /** How another process (a child JVM running a command) reaches the test database. */
    public record Connection(String jdbcUrl, String user, String password) {}
    private static Services secondNode;

    private TestDatabase() {}

    public static synchronized Services services() {
        if (skipReason != null) {
            Assumptions.abort(skipReason);
        }
        if (services == null) {
            start();
        }
        return services;
    }

    public static synchronized Connection connection() {
        services();
        return connection;
    }

    public static synchronized Database database() {
        services();
        return database;
    }

    /**
     * A second application node on the same database: its own connection pool and object graph,
     * as another process would have.
     */
    public static synchronized Services secondNode() {
        services();
        if (secondNode == null) {
            Database other = Database.connect(connection.jdbcUrl(), connection.user(), connection.password(), 16);
            Runtime.getRuntime().addShutdownHook(new Thread(other::close));
            secondNode = Services.wire(other, org.dossier.Config.fromEnvironment());
        }
        return secondNode;
    }

    private static void start() {
        if ("mysql".equals(MODE)) {
            if (!dockerAvailable()) {
                skipReason = "MySQL 8 suite skipped: Docker is not available on this machine";
                System.err.println("*** " + skipReason + " ***");
                Assumptions.abort(skipReason);
            }
            MySQLContainer<?> mysql = new MySQLContainer<>("mysql:8.0").withDatabaseName("dossier")
                    .withCommand("--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                            "--log-bin-trust-function-creators=1");
            mysql.start();
            connection = new Connection(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword());
            database = Database.connect(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword(), 16);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                database.close();
                mysql.stop();
            }));
        } else {
            try {
                Path dir = Files.createTempDirectory("dossier-test-db");
                EmbeddedMariaDb embedded = EmbeddedMariaDb.start(dir);
                connection = new Connection(embedded.jdbcUrl(), embedded.user(), embedded.password());
                database = Database.connect(embedded.jdbcUrl(), embedded.user(), embedded.password(), 16);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    database.close();
                    embedded.close();
                    TestFiles.deleteRecursively(dir);
                }));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        services = Services.wire(database, org.dossier.Config.fromEnvironment());
        services.migrations().migrate();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
