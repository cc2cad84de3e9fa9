package org.dossier.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.account.LoginThrottle;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * The accounts a service's deletion leaves with no membership anywhere. An account is personal
 * data (e-mail, name, password hash) kept only so that its owner can work in a service: once the
 * last service it belonged to is gone, it goes too, with its sessions, API tokens and login
 * throttling counters, and with its own events in the platform log (sign-ins, tokens, password),
 * which name the person and belong to the account, not to any service. A super-admin's account stays (it runs the platform), and so does the
 * account of anyone with a membership in another service, even an inactive one: that service's
 * admin may reactivate it, and its own log refers to it.
 */
final class OrphanAccounts {
    private record Account(long id, String email) {}

    private final List<Account> candidates;

    private OrphanAccounts(List<Account> candidates) {
        this.candidates = candidates;
    }

    /** The members of the service, not super-admin, with no membership in any other service. */
    static OrphanAccounts find(Handle handle, TenantId tenantId) {
        // Deliberately across services: a member's other memberships decide whether the account stays.
        return new OrphanAccounts(handle.createQuery("""
                        SELECT /* all tenants */ u.id, u.email
                          FROM memberships m
                          JOIN users u ON u.id = m.user_id
                         WHERE m.tenant_id = :tenantId AND NOT u.super_admin
                           AND NOT EXISTS (SELECT 1 FROM memberships other
                                            WHERE other.user_id = m.user_id AND other.tenant_id <> :tenantId)
                         ORDER BY u.id
                        """)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> new Account(rs.getLong("id"), rs.getString("email")))
                .list());
    }

    /** Counts, for the confirmation page, the accounts, sessions and tokens the deletion would remove. */
    static void count(Handle handle, TenantId tenantId, Map<DeletedKind, Long> counts) {
        OrphanAccounts orphans = find(handle, tenantId);
        List<Long> ids = orphans.ids();
        counts.put(DeletedKind.ACCOUNTS, (long) ids.size());
        counts.put(DeletedKind.SESSIONS, ids.isEmpty() ? 0L : handle.createQuery(
                        "SELECT COUNT(*) FROM sessions WHERE user_id IN (<ids>)")
                .bindList("ids", ids).mapTo(Long.class).one());
        counts.put(DeletedKind.API_TOKENS, ids.isEmpty() ? 0L : handle.createQuery(
                        "SELECT COUNT(*) FROM api_tokens WHERE user_id IN (<ids>)")
                .bindList("ids", ids).mapTo(Long.class).one());
        counts.put(DeletedKind.ACCOUNT_EVENTS, orphans.candidates.isEmpty() ? 0L
                : handle.createQuery(COUNT_OWN_EVENTS)
                .bind("platform", AuditLog.PLATFORM_TENANT)
                .bindList("targets", orphans.candidates.stream().map(account -> Long.toString(account.id())).toList())
                .bindList("emails", orphans.candidates.stream().map(Account::email).toList())
                .mapTo(Long.class).one());
    }

    /**
     * A person's own events in the platform log: those about the account (target user id), and
     * those they are the actor of, such as a failed sign-in before the account existed.
     */
    private static final String COUNT_OWN_EVENTS = """
            SELECT COUNT(*) FROM audit_events
             WHERE tenant_id = :platform
               AND ((target_type = 'user' AND target_id IN (<targets>)) OR actor IN (<emails>))
            """;
    private static final String DELETE_OWN_EVENTS = """
            DELETE FROM audit_events
             WHERE tenant_id = :platform
               AND ((target_type = 'user' AND target_id IN (<targets>)) OR actor IN (<emails>))
            """;

    /**
     * Deletes the accounts, once the service's memberships are gone. Each one is checked again in
     * the statement itself, under InnoDB's locks: a membership given meanwhile in another service
     * keeps the account.
     */
    void delete(Handle handle, Map<DeletedKind, Long> deleted) {
        List<Long> ids = ids();
        if (ids.isEmpty()) {
            deleted.put(DeletedKind.ACCOUNTS, 0L);
            deleted.put(DeletedKind.SESSIONS, 0L);
            deleted.put(DeletedKind.API_TOKENS, 0L);
            deleted.put(DeletedKind.ACCOUNT_EVENTS, 0L);
            return;
        }
        deleted.put(DeletedKind.ACCOUNTS, (long) handle.createUpdate("""
                        DELETE FROM users
                         WHERE id IN (<ids>) AND NOT super_admin
                           AND NOT EXISTS (SELECT /* all tenants */ 1 FROM memberships m WHERE m.user_id = users.id)
                        """)
                .bindList("ids", ids).execute());
        List<Long> kept = handle.createQuery("SELECT id FROM users WHERE id IN (<ids>)")
                .bindList("ids", ids).mapTo(Long.class).list();
        List<Account> gone = candidates.stream().filter(account -> !kept.contains(account.id())).toList();
        if (gone.isEmpty()) {
            deleted.put(DeletedKind.SESSIONS, 0L);
            deleted.put(DeletedKind.API_TOKENS, 0L);
            deleted.put(DeletedKind.ACCOUNT_EVENTS, 0L);
            return;
        }
        List<Long> goneIds = gone.stream().map(Account::id).toList();
        deleted.put(DeletedKind.SESSIONS, (long) handle.createUpdate("DELETE FROM sessions WHERE user_id IN (<ids>)")
                .bindList("ids", goneIds).execute());
        deleted.put(DeletedKind.API_TOKENS, (long) handle.createUpdate("DELETE FROM api_tokens WHERE user_id IN (<ids>)")
                .bindList("ids", goneIds).execute());
        List<byte[]> throttleKeys = new ArrayList<>();
        for (Account account : gone) {
            // A digest of the e-mail, personal data all the same.
            throttleKeys.add(LoginThrottle.accountKey(account.email()));
        }
        handle.createUpdate("DELETE FROM login_throttle WHERE throttle_key IN (<keys>)")
                .bindList("keys", throttleKeys).execute();
        deleted.put(DeletedKind.ACCOUNT_EVENTS, (long) handle.createUpdate(DELETE_OWN_EVENTS)
                .bind("platform", AuditLog.PLATFORM_TENANT)
                .bindList("targets", goneIds.stream().map(id -> Long.toString(id)).toList())
                .bindList("emails", gone.stream().map(Account::email).toList())
                .execute());
    }

    private List<Long> ids() {
        return candidates.stream().map(Account::id).toList();
    }
}
