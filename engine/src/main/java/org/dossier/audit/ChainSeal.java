package org.dossier.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The salts of an event's personal fields, and the digests of the fields the product removed.
 * A fresh event has one random salt from which each field's salt is derived (HMAC-SHA256 of the
 * field's name). Once a field is redacted, its digest is kept and its salt forgotten: without the
 * 128-bit salt, nobody can test a guess (an e-mail) against the digest; the fields left keep
 * their salts, written out, so that they still verify.
 *
 * @param salt   the event's salt, or {@code null} once a field was redacted
 * @param salts  each remaining field's salt, when {@code salt} is null
 * @param leaves the digest of each redacted field
 */
public record ChainSeal(byte[] salt, Map<String, byte[]> salts, Map<String, byte[]> leaves) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NO_SALT = new byte[16];

    public ChainSeal {
        salts = Map.copyOf(salts);
        leaves = Map.copyOf(leaves);
    }

    /** A new event's seal: a random salt. */
    public static ChainSeal fresh() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new ChainSeal(salt, Map.of(), Map.of());
    }

    /** The seal as stored: the {@code salt} column, or the {@code redaction} column's JSON. */
    public static ChainSeal stored(byte[] salt, String redactionJson) {
        if (redactionJson == null) {
            return new ChainSeal(salt, Map.of(), Map.of());
        }
        try {
            JsonNode redaction = JSON.readTree(redactionJson);
            return new ChainSeal(salt, bytes(redaction.path("salts")), bytes(redaction.path("leaves")));
        } catch (java.io.IOException e) {
            // A redaction that is not ours: the event cannot verify, which is what it should report.
            return new ChainSeal(salt, Map.of(), Map.of());
        }
    }

    /** The salt of one field; a field no salt is known for gets zeros, so that its event fails to verify. */
    byte[] saltOf(String field) {
        if (salt != null) {
            return derive(salt, field);
        }
        return salts.getOrDefault(field, NO_SALT);
    }

    /** The {@code redaction} column, or {@code null} when nothing was redacted. */
    public String redactionJson() {
        if (salt != null) {
            return null;
        }
        ObjectNode redaction = JSON.createObjectNode();
        ObjectNode saltsNode = redaction.putObject("salts");
        new TreeMap<>(salts).forEach((field, value) -> saltsNode.put(field, Base64.getEncoder().encodeToString(value)));
        ObjectNode leavesNode = redaction.putObject("leaves");
        new TreeMap<>(leaves).forEach((field, value) -> leavesNode.put(field, Base64.getEncoder().encodeToString(value)));
        return redaction.toString();
    }

    private static Map<String, byte[]> bytes(JsonNode node) {
        Map<String, byte[]> values = new TreeMap<>();
        node.fields().forEachRemaining(field -> values.put(field.getKey(), Base64.getDecoder().decode(field.getValue().asText())));
        return values;
    }

    private static byte[] derive(byte[] salt, String field) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(field.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
