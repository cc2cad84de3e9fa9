package org.dossier.register;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The controllers' contact details ({@code register_controllers}) and the kept registers ({@code register_snapshots}), V20. */
final class RegisterDao {
    private final Handle handle;

    RegisterDao(Handle handle) {
        this.handle = handle;
    }

    Optional<ProcessingRegister.Controller> controller(TenantId tenantId) {
        return handle.createQuery("""
                        SELECT organisation, representative, address, email, phone, dpo_name, dpo_email, dpo_phone
                          FROM register_controllers
                         WHERE tenant_id = :tenantId
                        """)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> new ProcessingRegister.Controller(rs.getString("organisation"),
                        rs.getString("representative"), rs.getString("address"), rs.getString("email"),
                        rs.getString("phone"), rs.getString("dpo_name"), rs.getString("dpo_email"),
                        rs.getString("dpo_phone")))
                .findOne();
    }

    void saveController(TenantId tenantId, ProcessingRegister.Controller controller, Instant now, String by) {
        handle.createUpdate("""
                        INSERT INTO register_controllers (tenant_id, organisation, representative, address, email, phone,
                                                          dpo_name, dpo_email, dpo_phone, updated_at, updated_by)
                        VALUES (:tenantId, :organisation, :representative, :address, :email, :phone,
                                :dpoName, :dpoEmail, :dpoPhone, :now, :by)
                        ON DUPLICATE KEY UPDATE organisation = VALUES(organisation), representative = VALUES(representative),
                               address = VALUES(address), email = VALUES(email), phone = VALUES(phone),
                               dpo_name = VALUES(dpo_name), dpo_email = VALUES(dpo_email), dpo_phone = VALUES(dpo_phone),
                               updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)
                        """)
                .bind("tenantId", tenantId)
                .bindMethods(controller)
                .bind("now", now).bind("by", by)
                .execute();
    }

    Optional<String> snapshot(TenantId tenantId, String formKey, int version) {
        return handle.createQuery("""
                        SELECT register FROM register_snapshots
                         WHERE tenant_id = :tenantId AND form_key = :formKey AND version = :version
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bind("version", version)
                .mapTo(String.class)
                .findOne();
    }

    /** Keeps the first register computed for a version: a second writer (another node's first read) changes nothing. */
    void insertSnapshot(TenantId tenantId, String formKey, int version, String register, Instant computedAt) {
        handle.createUpdate("""
                        INSERT IGNORE INTO register_snapshots (tenant_id, form_key, version, register, computed_at)
                        VALUES (:tenantId, :formKey, :version, :register, :computedAt)
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey).bind("version", version)
                .bind("register", register).bind("computedAt", computedAt)
                .execute();
    }

    /** The published versions of a form, newest first: number and publication time. */
    List<Version> versions(TenantId tenantId, String formKey) {
        return handle.createQuery("""
                        SELECT version AS number, published_at FROM form_versions
                         WHERE tenant_id = :tenantId AND form_key = :formKey
                         ORDER BY version DESC
                        """)
                .bind("tenantId", tenantId).bind("formKey", formKey)
                .map(ConstructorMapper.of(Version.class))
                .list();
    }

    record Version(int number, Instant publishedAt) {}
}
