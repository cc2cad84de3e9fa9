package org.dossier.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The key hierarchy of one process: the master key, the services' data keys, the cipher. The
 * master key is found and checked against the database at the first call of {@link #master()}:
 * a server calls it before its migrations, so a wrong key stops it before anything is written,
 * and wiring the application does not need the database to answer.
 */
public final class Encryption {
    private final Supplier<MasterKey> master;
    private final DataKeys dataKeys;
    private final ConfidentialCipher cipher;

    private Encryption(Supplier<MasterKey> master, Jdbi jdbi, ObjectMapper json) {
        this.master = master;
        this.dataKeys = new DataKeys(jdbi, master);
        this.cipher = new ConfidentialCipher(dataKeys, json);
    }

    /** Resolves the master key lazily, once; see {@link MasterKeys#resolve}. */
    public static Encryption of(Jdbi jdbi, MasterKeySettings settings, Path dataDir, ObjectMapper json) {
        return new Encryption(new Once<>(() -> MasterKeys.resolve(settings, dataDir, jdbi)), jdbi, json);
    }

    /**
     * Resolves and checks the master key now.
     *
     * @throws WrongMasterKeyException when the key is not this database's; nothing was changed then
     */
    public static Encryption start(Jdbi jdbi, MasterKeySettings settings, Path dataDir, ObjectMapper json) {
        Encryption encryption = of(jdbi, settings, dataDir, json);
        encryption.master();
        return encryption;
    }

    /** @throws WrongMasterKeyException at the first call, when the configured key is not this database's */
    public MasterKey master() {
        return master.get();
    }

    public DataKeys dataKeys() {
        return dataKeys;
    }

    public ConfidentialCipher cipher() {
        return cipher;
    }

    /** A value computed at the first successful call and kept; a failure is thrown again at the next call. */
    private static final class Once<T> implements Supplier<T> {
        private final Supplier<T> compute;
        private volatile T value;

        Once(Supplier<T> compute) {
            this.compute = compute;
        }

        @Override
        public T get() {
            T known = value;
            if (known == null) {
                synchronized (this) {
                    if (value == null) {
                        value = compute.get();
                    }
                    known = value;
                }
            }
            return known;
        }
    }
}
