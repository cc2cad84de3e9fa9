package org.dossier.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key at start and checks it against the database before anything else runs
 * (migrations included): a node given the wrong key refuses to start and has changed nothing.
 */
public final class MasterKeys {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);

    private MasterKeys() {}

    /**
     * The master key the settings name, checked against the database's key check when there is one.
     * The default file is created only for a database that has sealed nothing yet.
     *
     * @throws WrongMasterKeyException with a message for the operator; nothing was written then
     */
    public static MasterKey resolve(MasterKeySettings settings, Path dataDir, Jdbi jdbi) {
        Optional<byte[]> check = jdbi.withHandle(handle -> {
            KeyDao dao = new KeyDao(handle);
            return dao.tablesExist() ? dao.check() : Optional.<byte[]>empty();
        });
        MasterKey key = load(settings, dataDir, check.isPresent());
        if (check.isPresent() && !key.opensCheck(check.get())) {
            throw new WrongMasterKeyException("Refusing to start: the master key from " + key.origin()
                    + " is not the one this database's data keys are wrapped with. Nothing was changed."
                    + " Start with the right key (DOSSIER_MASTER_KEY, DOSSIER_MASTER_KEY_FILE, or "
                    + dataDir.resolve(MasterKeySettings.DEFAULT_FILE_NAME) + ").");
        }
        return key;
    }

    /** The key the settings name, without checking it against any database (the rotation's new key). */
    public static MasterKey read(Path file) {
        try {
            return MasterKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII), "file " + file);
        } catch (IOException e) {
            throw new WrongMasterKeyException("Cannot read the master key file " + file + ": " + e.getMessage());
        }
    }

    /** Seals the key check with this key if the database has none yet (first start after V19). */
    public static void ensureCheck(Jdbi jdbi, MasterKey key) {
        jdbi.useTransaction(handle -> {
            KeyDao dao = new KeyDao(handle);
            if (dao.check().isEmpty() && !dao.insertCheck(key.sealCheck(), Instant.now())
                    && !key.opensCheck(dao.check().orElseThrow())) {
                throw new WrongMasterKeyException("Another node created this database's key check with another master key.");
            }
        });
    }

    private static MasterKey load(MasterKeySettings settings, Path dataDir, boolean databaseSealed) {
        if (settings.base64().isPresent()) {
            return MasterKey.fromBase64(settings.base64().get(), "DOSSIER_MASTER_KEY");
        }
        if (settings.file().isPresent()) {
            Path file = settings.file().get();
            if (!Files.isRegularFile(file)) {
                throw new WrongMasterKeyException("DOSSIER_MASTER_KEY_FILE names " + file + ", which is not a file.");
            }
            return read(file);
        }
        Path file = defaultFile(dataDir);
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        if (databaseSealed) {
            throw new WrongMasterKeyException("Refusing to start: this database holds values sealed by a master key,"
                    + " and none was given (DOSSIER_MASTER_KEY, DOSSIER_MASTER_KEY_FILE) nor found at " + file
                    + ". Nothing was changed.");
        }
        return create(file);
    }

    public static Path defaultFile(Path dataDir) {
        return dataDir.resolve(MasterKeySettings.DEFAULT_FILE_NAME);
    }

    /**
     * Writes a new key to {@code file}, readable by its owner only. Written under another name and
     * linked into place, so that two processes starting together cannot each keep a different key:
     * the second finds the first one's file.
     */
    static MasterKey create(Path file) {
        MasterKey key = MasterKey.generate("file " + file);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".master", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, key.base64() + "\n", StandardCharsets.US_ASCII);
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                return read(file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new WrongMasterKeyException("Cannot create the master key file " + file + ": " + e.getMessage());
        }
        LOG.warn("Created a new master key at {} (mode 0600). Confidential values are sealed by keys it wraps:"
                + " keep a copy of it apart from the database's backups, or set DOSSIER_MASTER_KEY_FILE.", file);
        return key;
    }
}
