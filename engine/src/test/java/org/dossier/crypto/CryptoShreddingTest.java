package org.dossier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordDao;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deleting a service destroys its data key: a copy of its case files taken before (a backup) no
 * longer opens with the master key. A full backup also holds the wrapped key: it becomes
 * unreadable once the master key is rotated and the old one destroyed, which this shows too.
 */
@Tag("integration")
class CryptoShreddingTest {
    private final Services services = TestDatabase.services();

    @Test
    void a_deleted_service_s_sealed_values_do_not_open_from_a_backup_taken_before() {
        Tenant tenant = TestTenants.withBaseForm(services, "shredded");
        String note = "Secret" + System.nanoTime();
        var data = TestRecords.validData("Brocard");
        data.putObject("notes_confidentielles").put("contenu", note);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"),
                Locale.FRENCH);
        // The backup: the case file's row and the service's wrapped data key, as a dump holds them.
        String backedUpData = services.jdbi().withHandle(handle ->
                new RecordDao(handle).find(tenant.id(), record.id()).orElseThrow().data());
        byte[] backedUpKey = services.jdbi().withHandle(handle -> new KeyDao(handle).wrappedKey(tenant.id()).orElseThrow());
        ConfidentialCipher cipher = services.encryption().cipher();
        JsonNode sealed = read(backedUpData);
        assertThat(cipher.openRecord(tenant.id(), record.id(), sealed).at("/notes_confidentielles/contenu").asText())
                .isEqualTo(note);

        services.suspension().suspend(tenant.slug(), null, Actor.system("test"));
        services.jdbi().useHandle(handle -> handle.createUpdate(
                "UPDATE tenants SET status_changed_at = status_changed_at - INTERVAL 1 MINUTE WHERE id = :id")
                .bind("id", tenant.id().value()).execute());
        services.deletion().delete(tenant.slug(), tenant.slug(), Actor.system("test"));

        java.util.Optional<byte[]> keyLeft = services.jdbi().withHandle(handle -> new KeyDao(handle).wrappedKey(tenant.id()));
        assertThat(keyLeft).isEmpty();
        assertThatThrownBy(() -> cipher.openRecord(tenant.id(), record.id(), sealed))
                .isInstanceOf(SealedValueException.class).hasMessageContaining("no data key");
        // A fresh process, with the same master key and no key in memory, cannot open it either.
        Encryption restarted = Encryption.start(services.jdbi(), MasterKeySettings.ofBase64(services.encryption().master()
                .base64()), java.nio.file.Path.of("unused"), services.mapper());
        assertThatThrownBy(() -> restarted.cipher().openRecord(tenant.id(), record.id(), sealed))
                .isInstanceOf(SealedValueException.class);

        // The full backup's wrapped key still unwraps with today's master key; after a rotation, with
        // the old master key destroyed, nothing can unwrap it.
        MasterKey old = services.encryption().master();
        MasterKey next = MasterKey.generate("test");
        assertThat(old.unwrap(tenant.id(), backedUpKey)).isNotNull();
        KeyRotation.rotate(services.jdbi(), old, next);
        try {
            assertThatThrownBy(() -> next.unwrap(tenant.id(), backedUpKey)).isInstanceOf(SealedValueException.class);
        } finally {
            KeyRotation.rotate(services.jdbi(), next, old);
        }
    }

    private JsonNode read(String text) {
        try {
            return services.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
