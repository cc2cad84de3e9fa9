package org.dossier.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/** The key hierarchy of one process: the master key checked at start, the services' data keys, the cipher. */
public record Encryption(MasterKey master, DataKeys dataKeys, ConfidentialCipher cipher) {

    /**
     * Resolves and checks the master key before anything is written.
     *
     * @throws WrongMasterKeyException when the key is not this database's; nothing was changed then
     */
    public static Encryption start(Jdbi jdbi, MasterKeySettings settings, Path dataDir, ObjectMapper json) {
        MasterKey master = MasterKeys.resolve(settings, dataDir, jdbi);
        DataKeys dataKeys = new DataKeys(jdbi, master);
        return new Encryption(master, dataKeys, new ConfidentialCipher(dataKeys, json));
    }
}
