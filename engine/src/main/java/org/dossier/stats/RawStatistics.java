package org.dossier.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.stats.SharedFields.SharedField;
import org.dossier.stats.StatisticsReport.Excluded;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;

/**
 * The counts as read, before suppression. Never leaves this package: only {@link StatisticsReport},
 * built from the suppressed figures, does.
 */
record RawStatistics(LocalDate today, Instant computedAt, List<YearMonth> months, List<Tenant> services,
                     Map<TenantId, StatisticsDao.CaseFiles> caseFiles, Map<TenantId, Long> users, long distinctUsers,
                     Map<TenantId, Optional<Instant>> lastActivity, List<FieldCounts> fields) {

    /**
     * A shared field, the services compared on it and those left out, and the kept case files of the
     * compared services per option of the base and, last, without a known answer.
     */
    record FieldCounts(SharedField field, List<Tenant> included, List<Excluded> excluded, long[] answers) {}
}
