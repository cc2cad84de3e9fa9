package org.dossier.audit;

import java.time.Instant;
import java.util.UUID;
import org.dossier.tenant.TenantId;

/**
 * One audit event. Details hold ids, versions and field paths, never personal values, so the
 * log can outlive the records it speaks of (erasure leaves a tombstone, not a copy).
 */
public record AuditEvent(
        TenantId tenantId,
        UUID id,
        Instant occurredAt,
        String actor,
        String action,
        String targetType,
        String targetId,
        String clientAddress,
        String detailsJson) {}
