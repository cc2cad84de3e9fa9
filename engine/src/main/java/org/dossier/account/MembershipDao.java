package org.dossier.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/** SQL for memberships. Every statement but the user's own list filters on {@code tenant_id}. */
public final class MembershipDao {
    private final Handle handle;

    public MembershipDao(Handle handle) {
        this.handle = handle;
    }

    /** A member of a service, with the user's name and e-mail, for the admin's list. */
    public record Member(User user, Membership membership) {}

    /** An active membership, given at once: a service's first admin, the demo's people. */
    public void insert(TenantId tenantId, long userId, Role role, boolean confidential, Instant now) {
        insert(tenantId, userId, role, confidential, false, now);
    }

    /** An invitation: inactive and pending until the person accepts it. */
    public void insertInvitation(TenantId tenantId, long userId, Role role, boolean confidential, Instant now) {
        insert(tenantId, userId, role, confidential, true, now);
    }

    private void insert(TenantId tenantId, long userId, Role role, boolean confidential, boolean pending, Instant now) {
        handle.createUpdate("""
                        INSERT INTO memberships (tenant_id, user_id, role, confidential, active, pending, created_at, updated_at)
                        VALUES (:tenantId, :userId, :role, :confidential, NOT :pending, :pending, :now, :now)
                        """)
                .bind("tenantId", tenantId).bind("userId", userId).bind("role", role.key())
                .bind("confidential", confidential).bind("pending", pending).bind("now", now)
                .execute();
    }

    /** Turns the person's pending invitation into an active membership. @return false when there was none */
    public boolean accept(TenantId tenantId, long userId, Instant now) {
        return handle.createUpdate("""
                        UPDATE memberships SET active = TRUE, pending = FALSE, updated_at = :now
                         WHERE tenant_id = :tenantId AND user_id = :userId AND pending
                        """)
                .bind("tenantId", tenantId).bind("userId", userId).bind("now", now)
                .execute() == 1;
    }

    /** Removes a pending invitation, declined or withdrawn. @return false when there was none */
    public boolean deleteInvitation(TenantId tenantId, long userId) {
        return handle.createUpdate("DELETE FROM memberships WHERE tenant_id = :tenantId AND user_id = :userId AND pending")
                .bind("tenantId", tenantId).bind("userId", userId)
                .execute() == 1;
    }

    public Optional<Membership> find(TenantId tenantId, long userId) {
        return handle.createQuery("""
                        SELECT tenant_id, user_id, role, confidential, active, pending
                          FROM memberships
                         WHERE tenant_id = :tenantId AND user_id = :userId
                        """)
                .bind("tenantId", tenantId).bind("userId", userId)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    /** Reads and locks the service's memberships, so the last-admin check cannot race. */
    public List<Membership> lockAll(TenantId tenantId) {
        return handle.createQuery("""
                        SELECT tenant_id, user_id, role, confidential, active, pending
                          FROM memberships
                         WHERE tenant_id = :tenantId
                           FOR UPDATE
                        """)
                .bind("tenantId", tenantId).map((rs, ctx) -> map(rs)).list();
    }

    public List<Member> members(TenantId tenantId) {
        return handle.createQuery("SELECT " + UserDao.COLUMNS + """
                        , m.tenant_id, m.user_id, m.role, m.confidential, m.active, m.pending
                          FROM memberships m
                          JOIN users u ON u.id = m.user_id
                         WHERE m.tenant_id = :tenantId
                         ORDER BY m.active DESC, m.pending DESC, u.display_name, u.email
                        """)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> new Member(UserDao.map(rs), map(rs))).list();
    }

    public boolean update(TenantId tenantId, long userId, Role role, boolean confidential, boolean active, Instant now) {
        return handle.createUpdate("""
                        UPDATE memberships SET role = :role, confidential = :confidential, active = :active,
                                               updated_at = :now
                         WHERE tenant_id = :tenantId AND user_id = :userId AND NOT pending
                        """)
                .bind("tenantId", tenantId).bind("userId", userId).bind("role", role.key())
                .bind("confidential", confidential).bind("active", active).bind("now", now)
                .execute() == 1;
    }

    /** The services a user belongs to, across tenants: the user's own list, shown only to that user. */
    public List<Membership> ofUser(long userId) {
        return handle.createQuery("""
                        SELECT /* all tenants */ tenant_id, user_id, role, confidential, active, pending
                          FROM memberships
                         WHERE user_id = :userId
                        """)
                .bind("userId", userId).map((rs, ctx) -> map(rs)).list();
    }

    /**
     * True when the user's active memberships are all in suspended services (and there is at
     * least one): such a person has nothing to sign in to until a service is resumed.
     */
    public boolean onlyInSuspendedServices(long userId) {
        return handle.createQuery("""
                        SELECT /* all tenants */ COUNT(*) > 0 AND SUM(CASE WHEN t.status = 'suspended' THEN 0 ELSE 1 END) = 0
                          FROM memberships m
                          JOIN tenants t ON t.id = m.tenant_id
                         WHERE m.user_id = :userId AND m.active
                        """)
                .bind("userId", userId).mapTo(Boolean.class).one();
    }

    /**
     * The columns to add to a query on a user ({@code u}) to learn, in the same round trip, the
     * user's membership in one tenant: join with {@link #JOIN_ONE_TENANT} and read with
     * {@link #mapJoined(ResultSet)}.
     */
    static final String JOINED_COLUMNS = ", m.tenant_id, m.user_id, m.role, m.confidential, m.active, m.pending";
    static final String JOIN_ONE_TENANT = " LEFT JOIN memberships m ON m.tenant_id = :tenantId AND m.user_id = u.id";

    /** The joined membership, empty when the user has none in that tenant. */
    static Optional<Membership> mapJoined(ResultSet rs) throws SQLException {
        rs.getLong("user_id");
        return rs.wasNull() ? Optional.empty() : Optional.of(map(rs));
    }

    private static Membership map(ResultSet rs) throws SQLException {
        return new Membership(new TenantId(rs.getLong("tenant_id")), rs.getLong("user_id"),
                Role.fromKey(rs.getString("role")).orElseThrow(() -> new IllegalStateException("unknown role")),
                rs.getBoolean("confidential"), rs.getBoolean("active"), rs.getBoolean("pending"));
    }
}
