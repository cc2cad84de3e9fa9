package org.dossier.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.ChainedInserts;

/** Reads the audit log as stored, and writes events at chosen times for the tests of its pages. */
public final class TestAudit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestAudit() {}

    /**
     * An event's details, each value as text, read as JSON: MySQL prints a JSON column with
     * spaces that MariaDB does not, so the stored text cannot be compared as is.
     */
    public static Map<String, String> details(AuditEvent event) {
        Map<String, String> details = new LinkedHashMap<>();
        try {
            JSON.readTree(event.details()).fields().forEachRemaining(field ->
                    details.put(field.getKey(), field.getValue().asText()));
        } catch (JsonProcessingException e) {
            throw new AssertionError("details of " + event + " are not JSON", e);
        }
        return details;
    }

    /** The events of one tenant (0 for the platform) with this action and actor, oldest first. */
    public static List<AuditEvent> events(Services services, long tenantId, String action, String actor) {
        return services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT tenant_id, occurred_at, actor, action, target_type, target_id, client_address, details
                          FROM audit_events
                         WHERE tenant_id = :tenantId AND action = :action AND actor = :actor
                         ORDER BY occurred_at, id
                        """)
                .bind("tenantId", tenantId).bind("action", action).bind("actor", actor)
                .map((rs, ctx) -> new AuditEvent(rs.getLong("tenant_id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target_type"),
                        rs.getString("target_id"), rs.getString("client_address"), rs.getString("details")))
                .list());
    }

    /**
     * An event that happened at {@code occurredAt}, which the application itself cannot backdate,
     * appended to its chain so that the audit log still verifies.
     */
    public static void insert(Services services, long tenantId, Instant occurredAt, String actor, String action,
                              String targetId) {
        ChainedInserts.insert(services, tenantId, occurredAt, actor, action, "record", targetId);
    }
}
