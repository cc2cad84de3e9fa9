package org.dossier.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Removes personal data from audit events on purpose (a deleted service's first admin's e-mail,
 * the events of an account that is deleted) without breaking their chain: each removed field's
 * salted digest is kept in the event's seal, and its salt forgotten (see {@link AuditChain}).
 * Verification still passes, and counts the event as redacted. Fields: {@link #ACTOR},
 * {@link #TARGET_ID}, {@link #CLIENT_ADDRESS}, {@code details/<key>}, or {@link #ALL_DETAILS}.
 */
public final class AuditRedaction {
    public static final String ACTOR = AuditChain.ACTOR;
    public static final String TARGET_ID = AuditChain.TARGET_ID;
    public static final String CLIENT_ADDRESS = AuditChain.CLIENT_ADDRESS;
    public static final String ALL_DETAILS = AuditChain.DETAILS + "*";
    /** Every field that may name a person. */
    public static final Set<String> EVERYTHING = Set.of(ACTOR, TARGET_ID, CLIENT_ADDRESS, ALL_DETAILS);
    /** What the actor column (not null) holds once redacted. */
    public static final String REDACTED_ACTOR = AuditChain.REDACTED_ACTOR;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One key of the details. */
    public static String details(String key) {
        return AuditChain.DETAILS + key;
    }

    private record Row(UUID id, java.time.Instant occurredAt, String actor, String action, String targetType,
                       String targetId, String clientAddress, String details, byte[] salt, String redaction) {}

    /**
     * Redacts {@code fields} of each event, in the caller's transaction. @return how many events were changed
     */
    public int redact(Handle handle, long tenantId, List<byte[]> eventIds, Set<String> fields) {
        int redacted = 0;
        for (byte[] eventId : eventIds) {
            Optional<Row> found = handle.createQuery("""
                            SELECT id, occurred_at, actor, action, target_type, target_id, client_address, details, salt, redaction
                              FROM audit_events WHERE tenant_id = :tenantId AND id = :id FOR UPDATE
                            """)
                    .bind("tenantId", tenantId).bind("id", eventId)
                    .map((rs, ctx) -> new Row(uuid(rs.getBytes("id")), rs.getTimestamp("occurred_at").toInstant(),
                            rs.getString("actor"), rs.getString("action"), rs.getString("target_type"),
                            rs.getString("target_id"), rs.getString("client_address"), rs.getString("details"),
                            rs.getBytes("salt"), rs.getString("redaction")))
                    .findOne();
            if (found.isEmpty()) {
                continue;
            }
            Row row = found.get();
            ChainedEvent event = new ChainedEvent(tenantId, row.id(), row.occurredAt(), row.actor(), row.action(),
                    row.targetType(), row.targetId(), row.clientAddress(), row.details());
            ChainSeal seal = AuditChain.redact(event, ChainSeal.stored(row.salt(), row.redaction()), fields);
            handle.createUpdate("""
                            UPDATE audit_events
                               SET actor = :actor, target_id = :targetId, client_address = :clientAddress,
                                   details = :details, salt = NULL, redaction = :redaction
                             WHERE tenant_id = :tenantId AND id = :id
                            """)
                    .bind("actor", fields.contains(ACTOR) ? REDACTED_ACTOR : row.actor())
                    .bind("targetId", fields.contains(TARGET_ID) ? null : row.targetId())
                    .bind("clientAddress", fields.contains(CLIENT_ADDRESS) ? null : row.clientAddress())
                    .bind("details", withoutKeys(row.details(), fields))
                    .bind("redaction", seal.redactionJson())
                    .bind("tenantId", tenantId).bind("id", eventId)
                    .execute();
            redacted++;
        }
        return redacted;
    }

    private static String withoutKeys(String details, Set<String> fields) {
        if (details == null) {
            return null;
        }
        try {
            JsonNode parsed = JSON.readTree(details);
            if (!(parsed instanceof ObjectNode object)) {
                return fields.contains(ALL_DETAILS) ? "{}" : details;
            }
            if (fields.contains(ALL_DETAILS)) {
                return "{}";
            }
            fields.stream().filter(field -> field.startsWith(AuditChain.DETAILS))
                    .forEach(field -> object.remove(field.substring(AuditChain.DETAILS.length())));
            return object.toString();
        } catch (IOException e) {
            return "{}";
        }
    }

    static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
