package org.dossier.tenant;

import java.time.Instant;

/**
 * A partner service. Its slug appears in every URL of the service.
 *
 * @param primaryColor CSS hex colour, e.g. {@code #1e3a8a}
 */
public record Tenant(TenantId id, String slug, String name, String primaryColor, Instant createdAt) {}
