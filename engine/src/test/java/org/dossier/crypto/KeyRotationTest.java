package org.dossier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dossier.Config;
import org.dossier.KeysCommandTestHook;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.offboarding.TableDump;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys rotate}: every data key re-wrapped with the new master key in one transaction, no
 * case file rewritten; afterwards only the new key opens the database, and a wrong current key
 * changes nothing.
 */
@Tag("integration")
class KeyRotationTest {
    private final Services services = TestDatabase.services();

    @Test
    void rotate_rewraps_every_data_key_and_rewrites_no_case_file(@TempDir Path dir) throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "rotated");
        String note = "Rotation" + System.nanoTime();
        var data = TestRecords.validData("Roux");
        data.putObject("notes_confidentielles").put("contenu", note);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"),
                Locale.FRENCH);
        List<String> recordsBefore = rows("SELECT id, data, lock_version, updated_at FROM records ORDER BY id");
        List<String> keysBefore = rows("SELECT tenant_id, HEX(wrapped_key) FROM service_data_keys ORDER BY tenant_id");
        MasterKey old = services.encryption().master();
        MasterKey next = MasterKey.generate("test");
        Path newKeyFile = Files.writeString(dir.resolve("new.key"), next.base64() + "\n");
        Path oldKeyFile = Files.writeString(dir.resolve("old.key"), old.base64() + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = KeysCommandTestHook.rotate(services, Config.fromEnvironment().withMasterKey(
                new MasterKeySettings(java.util.Optional.empty(), java.util.Optional.of(oldKeyFile))), newKeyFile,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(exit).isEqualTo(0);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("no case file was rewritten")
                    .contains("DOSSIER_MASTER_KEY_FILE");
            assertThat(rows("SELECT id, data, lock_version, updated_at FROM records ORDER BY id")).isEqualTo(recordsBefore);
            List<String> keysAfter = rows("SELECT tenant_id, HEX(wrapped_key) FROM service_data_keys ORDER BY tenant_id");
            assertThat(keysAfter).hasSameSizeAs(keysBefore).doesNotContainAnyElementsOf(keysBefore);
            assertThat(Files.readString(oldKeyFile).strip()).isEqualTo(old.base64());

            assertThatThrownBy(() -> MasterKeys.resolve(MasterKeySettings.ofBase64(old.base64()), dir, services.jdbi()))
                    .isInstanceOf(WrongMasterKeyException.class).hasMessageContaining("Refusing to start");
            Encryption restarted = Encryption.start(services.jdbi(), MasterKeySettings.ofBase64(next.base64()), dir,
                    services.mapper());
            String stored = services.jdbi().withHandle(handle -> handle.createQuery("SELECT data FROM records WHERE tenant_id = :tenantId")
                            .bind("tenantId", tenant.id()).mapTo(String.class).one());
            assertThat(restarted.cipher().openRecord(tenant.id(), record.id(), services.mapper().readTree(stored))
                    .at("/notes_confidentielles/contenu").asText()).isEqualTo(note);
            assertThat(TableDump.whereFound(services, note)).isEmpty();

            // Rotating again with the old key as the current one is refused, and changes nothing.
            assertThatThrownBy(() -> KeyRotation.rotate(services.jdbi(), old, MasterKey.generate("x")))
                    .isInstanceOf(WrongMasterKeyException.class);
            assertThat(rows("SELECT tenant_id, HEX(wrapped_key) FROM service_data_keys ORDER BY tenant_id"))
                    .isEqualTo(keysAfter);
        } finally {
            KeyRotation.rotate(services.jdbi(), next, old);
        }
    }

    private List<String> rows(String sql) {
        return services.jdbi().withHandle(handle -> handle.createQuery(sql).map((rs, ctx) -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object value = rs.getObject(i);
                row.append(value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(value))
                        .append('|');
            }
            return row.toString();
        }).list());
    }
}
