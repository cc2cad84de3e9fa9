package org.dossier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.Config;
import org.dossier.Server;
import org.dossier.Services;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started with another master key than the database's, or with none where the database
 * holds sealed values, refuses to start with a message saying so, and has changed nothing: not
 * a row, not a migration, not a key file.
 */
@Tag("integration")
class WrongMasterKeyTest {
    private final Services services = TestDatabase.services();

    @BeforeEach
    void theDatabaseHasSealedSomething() {
        MasterKeys.ensureCheck(services.jdbi(), services.encryption().master());
    }

    private Config onTheTestDatabase(Path dataDir) {
        TestDatabase.Connection connection = TestDatabase.connection();
        return new Config(0, dataDir, Optional.of(connection.jdbcUrl()), connection.user(), connection.password(), 2, Config.ONE_MIB,
                Config.Accounts.defaults());
    }

    @Test
    void a_server_given_another_master_key_refuses_to_start_and_changes_nothing(@TempDir Path dataDir) {
        List<String> before = snapshot();
        Config config = onTheTestDatabase(dataDir).withMasterKey(MasterKeySettings.ofBase64(MasterKey.generate("x").base64()));

        assertThatThrownBy(() -> Server.start(config, true))
                .isInstanceOf(WrongMasterKeyException.class)
                .hasMessageContaining("Refusing to start: the master key from DOSSIER_MASTER_KEY is not the one")
                .hasMessageContaining("Nothing was changed");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_server_given_no_key_for_a_sealed_database_refuses_to_start_and_creates_no_key_file(@TempDir Path dataDir)
            throws Exception {
        List<String> before = snapshot();

        assertThatThrownBy(() -> Server.start(onTheTestDatabase(dataDir), false))
                .isInstanceOf(WrongMasterKeyException.class)
                .hasMessageContaining("none was given");
        assertThat(snapshot()).isEqualTo(before);
        try (var files = Files.list(dataDir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void a_key_that_is_not_32_bytes_of_base64_is_refused_with_what_to_do(@TempDir Path dataDir) {
        assertThatThrownBy(() -> Server.start(onTheTestDatabase(dataDir).withMasterKey(MasterKeySettings.ofBase64("c2hvcnQ=")), false))
                .isInstanceOf(WrongMasterKeyException.class).hasMessageContaining("openssl rand -base64 32");
    }

    /** Row counts of every table, the key check and the data keys, and the migrations applied. */
    private List<String> snapshot() {
        return services.jdbi().withHandle(handle -> {
            List<String> snapshot = new ArrayList<>();
            for (String table : handle.createQuery("""
                    SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name
                    """).mapTo(String.class).list()) {
                snapshot.add(table + "=" + handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
            }
            snapshot.addAll(handle.createQuery("SELECT CONCAT(HEX(sealed_check), '|', COALESCE(rotated_at, '')) FROM master_key_check")
                    .mapTo(String.class).list());
            snapshot.addAll(handle.createQuery("SELECT CONCAT(tenant_id, '|', HEX(wrapped_key)) FROM service_data_keys ORDER BY tenant_id")
                    .mapTo(String.class).list());
            snapshot.addAll(handle.createQuery("SELECT CONCAT(version, '|', success) FROM flyway_schema_history ORDER BY installed_rank")
                    .mapTo(String.class).list());
            return snapshot;
        });
    }
}
