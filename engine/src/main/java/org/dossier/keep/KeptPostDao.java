package org.dossier.keep;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of kept posts; the table belongs to the platform (a row names its tenant for the audit). */
final class KeptPostDao {
    private final Handle handle;

    KeptPostDao(Handle handle) {
        this.handle = handle;
    }

    /** A kept post as stored, its fields still JSON. */
    record Row(long id, long userId, long tenantId, String pagePath, String postPath, String fields, Instant createdAt) {}

    void insert(byte[] browserKey, long userId, long tenantId, String pagePath, String postPath, String fields,
                Instant now, Instant expiresAt) {
        handle.createUpdate("""
                        INSERT INTO kept_posts (browser_key, user_id, tenant_id, page_path, post_path, fields, created_at, expires_at)
                        VALUES (:key, :userId, :tenantId, :page, :post, :fields, :now, :expires)
                        """)
                .bind("key", browserKey).bind("userId", userId).bind("tenantId", tenantId).bind("page", pagePath)
                .bind("post", postPath).bind("fields", fields).bind("now", now).bind("expires", expiresAt).execute();
    }

    /** The newest live post of this person, from this browser, for this page, locked until the transaction ends. */
    Optional<Row> newest(long tenantId, byte[] browserKey, long userId, String pagePath, Instant now) {
        return handle.createQuery("""
                        SELECT id, user_id, tenant_id, page_path, post_path, fields, created_at
                          FROM kept_posts
                         WHERE tenant_id = :tenantId AND browser_key = :key AND user_id = :userId
                           AND page_path = :page AND expires_at > :now
                         ORDER BY id DESC LIMIT 1 FOR UPDATE
                        """)
                .bind("tenantId", tenantId).bind("key", browserKey).bind("userId", userId).bind("page", pagePath)
                .bind("now", now)
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getLong("user_id"), rs.getLong("tenant_id"),
                        rs.getString("page_path"), rs.getString("post_path"), rs.getString("fields"),
                        rs.getTimestamp("created_at").toInstant()))
                .findOne();
    }

    /** Deletes every post of this person from this browser for this page: one restore empties it. */
    void deleteFor(long tenantId, byte[] browserKey, long userId, String pagePath) {
        handle.createUpdate("""
                        DELETE FROM kept_posts
                         WHERE tenant_id = :tenantId AND browser_key = :key AND user_id = :userId AND page_path = :page
                        """)
                .bind("tenantId", tenantId).bind("key", browserKey).bind("userId", userId).bind("page", pagePath).execute();
    }

    /** Whether this browser holds a live kept post of anyone, in any service: the login page has no service yet. */
    boolean anyLive(byte[] browserKey, Instant now) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM kept_posts /* all tenants */ WHERE browser_key = :key AND expires_at > :now
                        """)
                .bind("key", browserKey).bind("now", now).mapTo(Long.class).one() > 0;
    }

    /** Keeps the person's {@code keep} newest posts, in all their services together, and deletes the older ones. */
    void trim(long userId, int keep) {
        handle.createUpdate("""
                        DELETE FROM kept_posts /* all tenants */ WHERE user_id = :userId AND id NOT IN (
                            SELECT id FROM (SELECT id FROM kept_posts WHERE user_id = :userId ORDER BY id DESC LIMIT :keep) newest)
                        """)
                .bind("userId", userId).bind("keep", keep).execute();
    }

    int purgeExpired(Instant now) {
        return handle.createUpdate("DELETE FROM kept_posts /* all tenants */ WHERE expires_at <= :now").bind("now", now).execute();
    }
}
