package org.dossier.audit;

import java.time.Instant;

/**
 * One line of the audit log as read back.
 *
 * @param tenantId {@value AuditLog#PLATFORM_TENANT} for platform events
 */
public record AuditEvent(long tenantId, Instant occurredAt, String actor, String action, String targetType,
                         String targetId, String clientAddress, String details) {}
