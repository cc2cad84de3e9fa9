package org.dossier.metrics;

import java.time.Instant;
import org.dossier.tenant.TenantId;

/**
 * What one service uses, as last measured.
 *
 * @param caseFiles       its case files, archived ones included
 * @param attachmentBytes the sizes of its stored files, as uploaded
 * @param databaseBytes   an estimate (see {@link UsageMeter}): MySQL keeps no size per service
 */
public record ServiceUsage(TenantId tenantId, String slug, long caseFiles, long attachmentBytes, long databaseBytes,
                           Instant measuredAt) {}
