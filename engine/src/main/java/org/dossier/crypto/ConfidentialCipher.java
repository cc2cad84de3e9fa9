package org.dossier.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.dossier.form.ConfidentialFields;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;

/**
 * Seals and opens confidential values with their service's data key, bound to their service and
 * case file: a sealed value copied into another case file or service does not open.
 *
 * <p>A sealed value is a JSON string, {@link #PREFIX} then base64 of nonce, ciphertext and tag; the
 * plaintext is the value's JSON text, so a number or a boolean comes back as one. Sealed values
 * stay where their clear values were (see {@link SealedJson}): the shape of a case file, which
 * keys and rows it holds, is what the list, the counts of the designer and the "à compléter" flag
 * read in SQL, and none of them reads a confidential value.
 */
public final class ConfidentialCipher {
    /** How every sealed value starts. */
    public static final String PREFIX = "$sealed:v1:";

    private final DataKeys keys;
    private final ObjectMapper json;

    public ConfidentialCipher(DataKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** One value of a case file (a field's value, a history entry's old or new value), sealed to store. */
    public String seal(TenantId tenantId, RecordId recordId, JsonNode value) {
        return sealBytes(tenantId, recordContext(tenantId, recordId), value.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws SealedValueException when it was sealed for another case file or service, or its key is gone */
    public JsonNode open(TenantId tenantId, RecordId recordId, String sealed) {
        return parse(new String(openBytes(tenantId, recordContext(tenantId, recordId), sealed), StandardCharsets.UTF_8));
    }

    /**
     * A case file's data as stored: every value at a confidential location sealed, and any string
     * that merely looks sealed too (so that every stored string starting with {@link #PREFIX} is
     * one this class sealed, and opening is unambiguous). The argument is left untouched.
     */
    public JsonNode sealRecord(TenantId tenantId, RecordId recordId, ConfidentialFields confidential, JsonNode data) {
        return SealedJson.seal(data, confidential, value -> TextNode.valueOf(seal(tenantId, recordId, value)), true);
    }

    /**
     * Stored data (read from the database, perhaps written before V19) with the values at
     * confidential locations still in clear sealed; those sealed already are left as they are.
     */
    JsonNode sealStored(TenantId tenantId, RecordId recordId, ConfidentialFields confidential, JsonNode stored) {
        return SealedJson.seal(stored, confidential, value -> TextNode.valueOf(seal(tenantId, recordId, value)), false);
    }

    /** The stored data of a case file with every sealed value opened; the argument is left untouched. */
    public JsonNode openRecord(TenantId tenantId, RecordId recordId, JsonNode stored) {
        return SealedJson.open(stored, sealed -> open(tenantId, recordId, sealed));
    }

    /** Whether stored JSON text may hold a sealed value: opening text that holds none is a copy for nothing. */
    public static boolean mayHoldSealed(String storedJson) {
        return storedJson.contains(PREFIX);
    }

    /**
     * Text of another store (a kept post's fields) sealed with the service's key, bound to
     * {@code context} (what the text is and whose: the opener names the same).
     */
    public String sealText(TenantId tenantId, String context, String text) {
        return sealBytes(tenantId, otherContext(tenantId, context), text.getBytes(StandardCharsets.UTF_8));
    }

    public String openText(TenantId tenantId, String context, String sealed) {
        return new String(openBytes(tenantId, otherContext(tenantId, context), sealed), StandardCharsets.UTF_8);
    }

    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    private String sealBytes(TenantId tenantId, byte[] context, byte[] plain) {
        byte[] sealed = Aead.seal(keys.forSealing(tenantId), plain, context);
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(sealed);
    }

    private byte[] openBytes(TenantId tenantId, byte[] context, String sealed) {
        if (!isSealed(sealed)) {
            throw new SealedValueException("not a sealed value");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("a sealed value is not base64");
        }
        return Aead.open(keys.forOpening(tenantId), bytes, context);
    }

    static byte[] recordContext(TenantId tenantId, RecordId recordId) {
        return ("dossier:record:v1:" + tenantId.value() + ":" + recordId).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] otherContext(TenantId tenantId, String context) {
        return ("dossier:text:v1:" + tenantId.value() + ":" + context).getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SealedValueException("a sealed value opened to something that is not JSON");
        }
    }
}
