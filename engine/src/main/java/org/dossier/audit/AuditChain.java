package org.dossier.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hash of an audit event in its service's chain: SHA-256 over a canonical, length-prefixed
 * form of the event (chain version, tenant, id, time to the microsecond, action, target type) and
 * of its personal fields (actor, target id, client address, each top-level key of the details),
 * each entered as a salted digest (a "leaf"), and over the previous event's hash. Redacting a
 * field replaces its value by its leaf, kept in the {@link ChainSeal}: the hash is unchanged, so
 * the chain still verifies, and a redaction can remove a field, never change one.
 */
public final class AuditChain {
    /** The previous hash of a chain's first event. */
    public static final byte[] GENESIS = new byte[32];
    static final String ACTOR = "actor";
    static final String TARGET_ID = "targetId";
    static final String CLIENT_ADDRESS = "clientAddress";
    static final String DETAILS = "details/";
    static final String REDACTED_ACTOR = "[redacted]";
    private static final String VERSION = "dossier-audit-chain-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditChain() {}

    /** The event's hash, given its seal and the hash of the event before it. */
    public static byte[] hash(ChainedEvent event, ChainSeal seal, byte[] previous) {
        Map<String, byte[]> leaves = new TreeMap<>(seal.leaves());
        personalFields(event).forEach((field, value) -> {
            if (!leaves.containsKey(field)) {
                leaves.put(field, leaf(field, seal.saltOf(field), value));
            } else if (!emptied(field, value)) {
                // A value written back into a redacted field: the event no longer verifies.
                leaves.put(field, sha256((Base64.getEncoder().encodeToString(leaves.get(field)) + value)
                        .getBytes(StandardCharsets.UTF_8)));
            }
        });
        Canonical out = new Canonical();
        out.text(VERSION);
        out.number(event.tenantId());
        out.number(event.id().getMostSignificantBits());
        out.number(event.id().getLeastSignificantBits());
        out.number(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, event.occurredAt()));
        out.text(event.action());
        out.text(event.targetType());
        out.flag(event.details() != null);
        out.number(leaves.size());
        leaves.forEach((field, leaf) -> {
            out.text(field);
            out.bytes(leaf);
        });
        out.bytes(previous);
        return sha256(out.toByteArray());
    }

    /**
     * The seal of the event once {@code fields} are redacted: their leaves kept, their salts
     * forgotten. Fields named {@code details/*} stand for every key of the details.
     */
    static ChainSeal redact(ChainedEvent event, ChainSeal seal, Set<String> fields) {
        Map<String, byte[]> salts = new TreeMap<>();
        Map<String, byte[]> leaves = new TreeMap<>(seal.leaves());
        personalFields(event).forEach((field, value) -> {
            if (leaves.containsKey(field)) {
                return;
            }
            boolean redacted = fields.contains(field) || (field.startsWith(DETAILS) && fields.contains(DETAILS + "*"));
            if (redacted) {
                leaves.put(field, leaf(field, seal.saltOf(field), value));
            } else {
                salts.put(field, seal.saltOf(field));
            }
        });
        return new ChainSeal(null, salts, leaves);
    }

    /** What a redacted field holds: the placeholder for the actor (not null), nothing for the others. */
    private static boolean emptied(String field, String value) {
        return ACTOR.equals(field) ? REDACTED_ACTOR.equals(value) : value == null;
    }

    /** The fields that may name a person, by name, with their canonical text ({@code null} when absent). */
    static Map<String, String> personalFields(ChainedEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ACTOR, event.actor());
        fields.put(TARGET_ID, event.targetId());
        fields.put(CLIENT_ADDRESS, event.clientAddress());
        if (event.details() != null) {
            JsonNode details = parse(event.details());
            if (details instanceof ObjectNode object) {
                object.fields().forEachRemaining(field -> fields.put(DETAILS + field.getKey(), canonical(field.getValue())));
            } else {
                fields.put(DETAILS, details == null ? event.details() : canonical(details));
            }
        }
        return fields;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** JSON with every object's keys sorted: the stored text may differ in spacing or order by database. */
    static String canonical(JsonNode node) {
        if (!node.isObject()) {
            if (node.isArray()) {
                StringBuilder array = new StringBuilder("[");
                for (Iterator<JsonNode> items = node.elements(); items.hasNext(); ) {
                    array.append(canonical(items.next())).append(items.hasNext() ? "," : "");
                }
                return array.append(']').toString();
            }
            return node.toString();
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        node.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
        StringBuilder object = new StringBuilder("{");
        sorted.forEach((key, value) -> object.append(object.length() > 1 ? "," : "")
                .append(TextNode.valueOf(key)).append(':').append(canonical(value)));
        return object.append('}').toString();
    }

    private static byte[] leaf(String field, byte[] salt, String value) {
        Canonical out = new Canonical();
        out.text("leaf");
        out.text(field);
        out.bytes(salt);
        out.flag(value != null);
        if (value != null) {
            out.text(value);
        }
        return sha256(out.toByteArray());
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Length-prefixed fields, so that no two different events share a canonical form. */
    private static final class Canonical {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(buffer);

        void text(String value) {
            bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] value) {
            try {
                out.writeInt(value.length);
                out.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void number(long value) {
            try {
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void flag(boolean value) {
            try {
                out.writeBoolean(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] toByteArray() {
            return buffer.toByteArray();
        }
    }
}
