package org.dossier.crypto;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the master key comes from: {@code DOSSIER_MASTER_KEY} (32 bytes in base64), else the file
 * {@code DOSSIER_MASTER_KEY_FILE} names (the same base64 text), else {@code master.key} under the
 * data directory, created at first start (mode 0600).
 */
public record MasterKeySettings(Optional<String> base64, Optional<Path> file) {
    public static final String DEFAULT_FILE_NAME = "master.key";

    public static MasterKeySettings defaults() {
        return new MasterKeySettings(Optional.empty(), Optional.empty());
    }

    public static MasterKeySettings fromMap(Map<String, String> env) {
        return new MasterKeySettings(
                Optional.ofNullable(env.get("DOSSIER_MASTER_KEY")).filter(value -> !value.isBlank()),
                Optional.ofNullable(env.get("DOSSIER_MASTER_KEY_FILE")).filter(value -> !value.isBlank()).map(Path::of));
    }

    /** A key given as base64 text, as a test or the rotation command does. */
    public static MasterKeySettings ofBase64(String base64) {
        return new MasterKeySettings(Optional.of(base64), Optional.empty());
    }
}
