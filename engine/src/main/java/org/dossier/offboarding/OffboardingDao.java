package org.dossier.offboarding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of suspending and deleting a service, attached to the handle of the lifecycle
 * transaction. Statements on the platform log take its tenant id ({@code :platform}) from the
 * caller, as {@link org.dossier.audit.AuditLog#PLATFORM_TENANT}.
 */
interface OffboardingDao extends SqlObject {

    /** A service's row, read and locked for the rest of the transaction. */
    @SqlQuery("SELECT id, slug, status, status_changed_at FROM tenants WHERE slug = :slug FOR UPDATE")
    @RegisterConstructorMapper(TenantStatus.class)
    Optional<TenantStatus> lockBySlug(@Bind("slug") String slug);

    @SqlUpdate("UPDATE tenants SET status = :status, status_changed_at = :now WHERE id = :id")
    void setStatus(@Bind("id") long id, @Bind("status") String status, @Bind("now") Instant now);

    /** Counts the service's rows of a table of {@link TenantTables}. */
    @SqlQuery("SELECT COUNT(*) FROM <table> WHERE tenant_id = :tenantId")
    long countRows(@Define("table") String table, @Bind("tenantId") TenantId tenantId);

    /** Deletes the service's rows of a table of {@link TenantTables}. */
    @SqlUpdate("DELETE FROM <table> WHERE tenant_id = :tenantId")
    int deleteRows(@Define("table") String table, @Bind("tenantId") TenantId tenantId);

    @SqlQuery("SELECT COUNT(*) FROM tenants WHERE source_tenant_id = :id")
    long countClones(@Bind("id") long id);

    @SqlUpdate("UPDATE tenants SET source_tenant_id = NULL WHERE source_tenant_id = :id")
    int unlinkClones(@Bind("id") long id);

    @SqlUpdate("DELETE FROM tenants WHERE id = :id")
    void deleteTenant(@Bind("id") long id);

    /** Platform events about the service that hold its first admin's e-mail. */
    @SqlQuery("""
            SELECT COUNT(*) FROM audit_events
             WHERE tenant_id = :platform AND target_type = 'tenant' AND target_id = :target
               AND JSON_EXTRACT(details, '$.adminEmail') IS NOT NULL
            """)
    long countAdminEmails(@Bind("platform") long platformTenant, @Bind("target") String tenantTarget);

    /** The ids of those events, for {@link org.dossier.audit.AuditRedaction}. */
    @SqlQuery("""
            SELECT id FROM audit_events
             WHERE tenant_id = :platform AND target_type = 'tenant' AND target_id = :target
               AND JSON_EXTRACT(details, '$.adminEmail') IS NOT NULL
            """)
    List<byte[]> adminEmailEvents(@Bind("platform") long platformTenant, @Bind("target") String tenantTarget);

    /** The members of the service, not super-admin, with no membership in any other service. */
    // Deliberately across services: a member's other memberships decide whether the account stays.
    @SqlQuery("""
            SELECT /* all tenants */ u.id, u.email
              FROM memberships m
              JOIN users u ON u.id = m.user_id
             WHERE m.tenant_id = :tenantId AND NOT u.super_admin
               AND NOT EXISTS (SELECT 1 FROM memberships other
                                WHERE other.user_id = m.user_id AND other.tenant_id <> :tenantId)
             ORDER BY u.id
            """)
    @RegisterConstructorMapper(Account.class)
    List<Account> orphanCandidates(@Bind("tenantId") TenantId tenantId);

    @SqlQuery("SELECT COUNT(*) FROM sessions WHERE user_id IN (<ids>)")
    long countSessions(@BindList("ids") List<Long> userIds);

    @SqlQuery("SELECT COUNT(*) FROM api_tokens WHERE user_id IN (<ids>)")
    long countApiTokens(@BindList("ids") List<Long> userIds);

    /**
     * A person's own events in the platform log: those about the account (target user id), and
     * those they are the actor of, such as a failed sign-in before the account existed.
     */
    @SqlQuery("""
            SELECT COUNT(*) FROM audit_events
             WHERE tenant_id = :platform
               AND ((target_type = 'user' AND target_id IN (<targets>)) OR actor IN (<emails>))
            """)
    long countOwnEvents(@Bind("platform") long platformTenant, @BindList("targets") List<String> userTargets,
                        @BindList("emails") List<String> emails);

    /** The ids of those events, for {@link org.dossier.audit.AuditRedaction}. */
    @SqlQuery("""
            SELECT id FROM audit_events
             WHERE tenant_id = :platform
               AND ((target_type = 'user' AND target_id IN (<targets>)) OR actor IN (<emails>))
            """)
    List<byte[]> ownEvents(@Bind("platform") long platformTenant, @BindList("targets") List<String> userTargets,
                        @BindList("emails") List<String> emails);

    /**
     * Deletes the accounts that still have no membership anywhere and are not super-admin: checked
     * in the statement itself, under InnoDB's locks.
     */
    @SqlUpdate("""
            DELETE FROM users
             WHERE id IN (<ids>) AND NOT super_admin
               AND NOT EXISTS (SELECT /* all tenants */ 1 FROM memberships m WHERE m.user_id = users.id)
            """)
    int deleteAccountsWithoutMembership(@BindList("ids") List<Long> userIds);

    @SqlQuery("SELECT id FROM users WHERE id IN (<ids>)")
    List<Long> existingUsers(@BindList("ids") List<Long> userIds);

    @SqlUpdate("DELETE FROM sessions WHERE user_id IN (<ids>)")
    int deleteSessions(@BindList("ids") List<Long> userIds);

    @SqlUpdate("DELETE FROM api_tokens WHERE user_id IN (<ids>)")
    int deleteApiTokens(@BindList("ids") List<Long> userIds);

    @SqlUpdate("DELETE FROM login_throttle WHERE throttle_key IN (<keys>)")
    void deleteThrottleKeys(@BindList("keys") List<byte[]> throttleKeys);

    /** A service's row as the lifecycle reads it. */
    record TenantStatus(long id, String slug, String status, Instant statusChangedAt) {}

    /** An account that may be left without any membership. */
    record Account(long id, String email) {}
}
