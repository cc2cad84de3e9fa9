package org.dossier.crypto;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/** The SQL of the wrapped data keys and of the master key check (V19). */
final class KeyDao {
    private final Handle handle;

    KeyDao(Handle handle) {
        this.handle = handle;
    }

    /** A wrapped data key as stored. */
    record WrappedKey(long tenantId, byte[] wrappedKey) {}

    /** Whether V19 has run: before it, no value is sealed and there is no check to pass. */
    boolean tablesExist() {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM information_schema.tables
                         WHERE table_schema = DATABASE() AND table_name = 'master_key_check'
                        """).mapTo(Long.class).one() > 0;
    }

    Optional<byte[]> check() {
        return handle.createQuery("SELECT sealed_check FROM master_key_check WHERE id = 1")
                .mapTo(byte[].class).findOne();
    }

    /** @return false when another node created the check first */
    boolean insertCheck(byte[] sealedCheck, Instant now) {
        return handle.createUpdate("""
                        INSERT IGNORE INTO master_key_check (id, sealed_check, created_at) VALUES (1, :check, :now)
                        """).bind("check", sealedCheck).bind("now", now).execute() == 1;
    }

    Optional<byte[]> lockCheck() {
        return handle.createQuery("SELECT sealed_check FROM master_key_check WHERE id = 1 FOR UPDATE")
                .mapTo(byte[].class).findOne();
    }

    void replaceCheck(byte[] sealedCheck, Instant now) {
        handle.createUpdate("UPDATE master_key_check SET sealed_check = :check, rotated_at = :now WHERE id = 1")
                .bind("check", sealedCheck).bind("now", now).execute();
    }

    boolean legacySealed() {
        return handle.createQuery("SELECT legacy_sealed_at IS NOT NULL FROM master_key_check WHERE id = 1")
                .mapTo(Boolean.class).findOne().orElse(false);
    }

    void markLegacySealed(Instant now) {
        handle.createUpdate("UPDATE master_key_check SET legacy_sealed_at = :now WHERE id = 1 AND legacy_sealed_at IS NULL")
                .bind("now", now).execute();
    }

    Optional<byte[]> wrappedKey(TenantId tenantId) {
        return handle.createQuery("SELECT wrapped_key FROM service_data_keys WHERE tenant_id = :tenantId")
                .bind("tenantId", tenantId.value()).mapTo(byte[].class).findOne();
    }

    /** @return false when another node created the service's key first */
    boolean insertWrappedKey(TenantId tenantId, byte[] wrapped, Instant now) {
        return handle.createUpdate("""
                        INSERT IGNORE INTO service_data_keys (tenant_id, wrapped_key, created_at)
                        VALUES (:tenantId, :wrapped, :now)
                        """).bind("tenantId", tenantId.value()).bind("wrapped", wrapped).bind("now", now).execute() == 1;
    }

    /** Every service's wrapped key, locked until the transaction ends: the rotation rewraps them all at once. */
    List<WrappedKey> lockAllWrappedKeys() {
        return handle.createQuery("""
                        SELECT tenant_id, wrapped_key FROM service_data_keys /* all tenants */ ORDER BY tenant_id FOR UPDATE
                        """)
                .map((rs, ctx) -> new WrappedKey(rs.getLong("tenant_id"), rs.getBytes("wrapped_key"))).list();
    }

    void rewrap(TenantId tenantId, byte[] wrapped, Instant now) {
        handle.createUpdate("""
                        UPDATE service_data_keys SET wrapped_key = :wrapped, rewrapped_at = :now WHERE tenant_id = :tenantId
                        """).bind("tenantId", tenantId.value()).bind("wrapped", wrapped).bind("now", now).execute();
    }
}
