package org.dossier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the master key comes from, and the default file the first start creates. */
class MasterKeySettingsTest {

    @Test
    void the_environment_names_the_key_or_its_file_and_blank_means_unset() {
        assertThat(MasterKeySettings.fromMap(Map.of("DOSSIER_MASTER_KEY", "a2V5", "DOSSIER_MASTER_KEY_FILE", "/run/k")))
                .isEqualTo(new MasterKeySettings(Optional.of("a2V5"), Optional.of(Path.of("/run/k"))));
        assertThat(MasterKeySettings.fromMap(Map.of("DOSSIER_MASTER_KEY", " ", "DOSSIER_MASTER_KEY_FILE", "")))
                .isEqualTo(MasterKeySettings.defaults());
    }

    @Test
    void the_default_file_is_created_owner_only_and_read_back_the_same(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve(MasterKeySettings.DEFAULT_FILE_NAME);
        MasterKey created = MasterKeys.create(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(MasterKeys.read(file).base64()).isEqualTo(created.base64());
        assertThat(MasterKeys.create(file).base64()).as("a second start finds the first one's key").isEqualTo(created.base64());
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void a_key_of_the_wrong_length_or_not_base64_is_refused_with_its_origin() {
        assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ=", "DOSSIER_MASTER_KEY"))
                .isInstanceOf(WrongMasterKeyException.class).hasMessageContaining("DOSSIER_MASTER_KEY is 5 bytes");
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64!", "file /k"))
                .isInstanceOf(WrongMasterKeyException.class).hasMessageContaining("file /k is not base64");
    }
}
