package org.dossier.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * The content of an audit event that its chain hash covers, as stored.
 *
 * @param tenantId   {@value AuditLog#PLATFORM_TENANT} for the platform's chain
 * @param occurredAt to the microsecond, as the column keeps it
 * @param details    the details as JSON text, or {@code null}
 */
public record ChainedEvent(long tenantId, UUID id, Instant occurredAt, String actor, String action, String targetType,
                           String targetId, String clientAddress, String details) {}
