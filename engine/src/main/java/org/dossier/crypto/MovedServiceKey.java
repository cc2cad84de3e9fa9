package org.dossier.crypto;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import org.dossier.tenant.TenantId;

/**
 * A service's data key on its way from one installation to another, inside a service archive.
 * The master key never leaves its installation, so the archive carries the data key wrapped with
 * a key derived from a passphrase (Argon2id, then AES-256-GCM bound to the archive): whoever holds
 * the archive without the passphrase reads no confidential value, and the target installation
 * wraps the key again with its own master key.
 */
public final class MovedServiceKey {
    /** Argon2id with 64 MiB, 3 passes, 1 lane: well above OWASP's minimum, a fraction of a second per archive. */
    public static final int MEMORY_KIB = 65_536;
    public static final int ITERATIONS = 3;
    public static final int PARALLELISM = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private MovedServiceKey(SecretKey key) {
        this.key = key;
    }

    /**
     * The data key as an archive holds it.
     *
     * @param salt    the KDF's salt (16 random bytes)
     * @param wrapped nonce, the data key sealed and its tag
     */
    public record PassphraseWrapped(String kdf, int memoryKib, int iterations, int parallelism, byte[] salt,
                                    byte[] wrapped) {}

    /** A new data key, for a copy of a service that must not share its original's key. */
    public static MovedServiceKey fresh() {
        return new MovedServiceKey(Aead.newKey());
    }

    /**
     * The key of a service as its installation stores it ({@code service_data_keys.wrapped_key}).
     *
     * @throws SealedValueException when {@code master} did not wrap it for this service
     */
    public static MovedServiceKey unwrap(MasterKey master, TenantId tenantId, byte[] installationWrapped) {
        return new MovedServiceKey(master.unwrap(tenantId, installationWrapped));
    }

    /** Whether {@code wrapped} is this key wrapped by {@code master} for the service: then it can be kept as it is. */
    public boolean isWrappedAs(MasterKey master, TenantId tenantId, byte[] wrapped) {
        try {
            return Arrays.equals(master.unwrap(tenantId, wrapped).getEncoded(), key.getEncoded());
        } catch (SealedValueException e) {
            return false;
        }
    }

    /** This key as {@code service_data_keys.wrapped_key} stores it for the service in the installation of {@code master}. */
    public byte[] wrapFor(MasterKey master, TenantId tenantId) {
        return master.wrap(tenantId, key);
    }

    /**
     * This key wrapped for an archive: {@code archiveId} names the archive and what it holds, so that
     * the key opens in no other archive and not once its manifest was altered.
     */
    public PassphraseWrapped wrapWithPassphrase(String passphrase, String archiveId) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        SecretKey wrapping = derive(passphrase, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        return new PassphraseWrapped("argon2id", MEMORY_KIB, ITERATIONS, PARALLELISM, salt,
                Aead.seal(wrapping, key.getEncoded(), context(archiveId)));
    }

    /** @throws SealedValueException when the passphrase is not the export's, or the archive was altered */
    public static MovedServiceKey unwrapWithPassphrase(PassphraseWrapped wrapped, String passphrase, String archiveId) {
        if (!"argon2id".equals(wrapped.kdf()) || wrapped.memoryKib() < 19_456 || wrapped.iterations() < 1
                || wrapped.parallelism() < 1 || wrapped.memoryKib() > 4_194_304) {
            throw new SealedValueException("the archive's key derivation is not one this version reads");
        }
        SecretKey wrapping = derive(passphrase, wrapped.salt(), wrapped.memoryKib(), wrapped.iterations(),
                wrapped.parallelism());
        return new MovedServiceKey(Aead.key(Aead.open(wrapping, wrapped.wrapped(), context(archiveId))));
    }

    SecretKey key() {
        return key;
    }

    private static SecretKey derive(String passphrase, byte[] salt, int memoryKib, int iterations, int parallelism) {
        Argon2Function argon2 = Argon2Function.getInstance(memoryKib, iterations, parallelism, Aead.KEY_BYTES, Argon2.ID);
        return Aead.key(argon2.hash(passphrase.getBytes(StandardCharsets.UTF_8), salt).getBytes());
    }

    private static byte[] context(String archiveId) {
        return ("dossier:service-archive-key:v1:" + archiveId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MovedServiceKey[hidden]";
    }
}
