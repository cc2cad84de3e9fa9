package org.dossier.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.dossier.tenant.TenantId;

/**
 * The platform's master key: it only wraps the services' data keys and seals the key check, so
 * rotating it rewrites a few short rows, never a case file. It never enters the database.
 *
 * @param origin where it came from, for messages ({@code DOSSIER_MASTER_KEY}, a file's path)
 */
public record MasterKey(SecretKey key, String origin) {
    private static final byte[] CHECK = "dossier master key check".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHECK_CONTEXT = "dossier:master-key-check:v1".getBytes(StandardCharsets.UTF_8);

    /** @throws WrongMasterKeyException when the text is not 32 bytes in base64 */
    public static MasterKey fromBase64(String text, String origin) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new WrongMasterKeyException("The master key from " + origin + " is not base64 text.");
        }
        if (bytes.length != Aead.KEY_BYTES) {
            throw new WrongMasterKeyException("The master key from " + origin + " is " + bytes.length
                    + " bytes; it must be " + Aead.KEY_BYTES + " (e.g. openssl rand -base64 32).");
        }
        return new MasterKey(Aead.key(bytes), origin);
    }

    public static MasterKey generate(String origin) {
        return new MasterKey(Aead.newKey(), origin);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    byte[] wrap(TenantId tenantId, SecretKey dataKey) {
        return Aead.seal(key, dataKey.getEncoded(), wrapContext(tenantId));
    }

    /** @throws SealedValueException when this is not the key that wrapped it, or it was wrapped for another service */
    SecretKey unwrap(TenantId tenantId, byte[] wrapped) {
        return Aead.key(Aead.open(key, wrapped, wrapContext(tenantId)));
    }

    byte[] sealCheck() {
        return Aead.seal(key, CHECK, CHECK_CONTEXT);
    }

    boolean opensCheck(byte[] sealedCheck) {
        try {
            return java.util.Arrays.equals(Aead.open(key, sealedCheck, CHECK_CONTEXT), CHECK);
        } catch (SealedValueException e) {
            return false;
        }
    }

    private static byte[] wrapContext(TenantId tenantId) {
        return ("dossier:data-key:v1:" + tenantId.value()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MasterKey[" + origin + "]";
    }
}
