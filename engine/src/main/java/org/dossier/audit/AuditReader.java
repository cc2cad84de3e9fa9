package org.dossier.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Reads the audit log for the admin pages: one service's, or the whole platform's for a super-admin. */
public final class AuditReader {
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final String COLUMNS = "tenant_id, occurred_at, actor, action, target_type, target_id, client_address, details";

    private final Jdbi jdbi;

    public AuditReader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One page of events, newest first, and whether there is a next page. */
    public record Page(List<AuditEvent> events, boolean hasNext) {}

    public Page ofTenant(TenantId tenantId, AuditQuery query) {
        return jdbi.withHandle(handle -> read(handle,
                "SELECT " + COLUMNS + " FROM audit_events WHERE tenant_id = :tenantId", query, Map.of("tenantId", tenantId)));
    }

    /** The whole platform's log, every service's and the platform's own events: super-admins only. */
    public Page ofPlatform(AuditQuery query) {
        return jdbi.withHandle(handle -> read(handle,
                "SELECT /* all tenants */ " + COLUMNS + " FROM audit_events WHERE 1 = 1", query, Map.of()));
    }

    private static Page read(Handle handle, String select, AuditQuery query, Map<String, Object> scope) {
        StringBuilder sql = new StringBuilder(select);
        Map<String, Object> binds = new TreeMap<>(scope);
        query.actor().ifPresent(actor -> {
            sql.append(" AND actor = :actor");
            binds.put("actor", actor);
        });
        query.action().ifPresent(action -> {
            sql.append(" AND action = :action");
            binds.put("action", action);
        });
        query.from().ifPresent(from -> {
            sql.append(" AND occurred_at >= :from");
            binds.put("from", from.atStartOfDay(ZONE).toInstant());
        });
        query.to().ifPresent(to -> {
            sql.append(" AND occurred_at < :to");
            binds.put("to", to.plusDays(1).atStartOfDay(ZONE).toInstant());
        });
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset");
        Query statement = handle.createQuery(sql.toString());
        binds.forEach(statement::bind);
        List<AuditEvent> events = statement
                .bind("limit", AuditQuery.PAGE_SIZE + 1)
                .bind("offset", (query.page() - 1) * AuditQuery.PAGE_SIZE)
                .map((rs, ctx) -> map(rs)).list();
        boolean hasNext = events.size() > AuditQuery.PAGE_SIZE;
        return new Page(hasNext ? events.subList(0, AuditQuery.PAGE_SIZE) : events, hasNext);
    }

    private static AuditEvent map(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong("tenant_id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("client_address"), rs.getString("details"));
    }
}
