package org.dossier.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.dossier.stats.SharedFields.Exclusion;
import org.dossier.stats.SharedFields.SharedField;
import org.dossier.tenant.Tenant;

/**
 * The published statistics: every count is a {@link Figure} that already went through
 * {@link SmallCells}. A row without a service ({@code service} empty) is the row of all services.
 *
 * @param today      the day in Paris the figures were computed for (retention years, months)
 * @param computedAt when they were read
 * @param months     the twelve months of {@link #newCaseFiles}, oldest first
 */
public record StatisticsReport(LocalDate today, Instant computedAt, List<YearMonth> months, List<ServiceRow> services, ServiceRow allServices,
                               List<MonthRow> newCaseFiles, MonthRow allNewCaseFiles, List<Breakdown> breakdowns,
                               List<Unshared> unshared) {

    /** Case files still kept (active + archived = total), active users, and the time of the latest activity. */
    public record ServiceRow(Optional<Tenant> service, Figure active, Figure archived, Figure total, Figure users,
                             Optional<Instant> lastActivity) {}

    /** New case files per month; {@code total} is their sum over the twelve months. */
    public record MonthRow(Optional<Tenant> service, List<Figure> months, Figure total) {}

    /** A service left out of a breakdown, and why. */
    public record Excluded(Tenant service, Exclusion why) {}

    /**
     * The kept case files of the services compared on a shared field, together, per answer: one
     * figure per option of the base, then one for no answer (or a value the base does not know).
     * Across services only: each service sees its own breakdown on its dashboard, and a row per
     * service would multiply the small cells, and the figures suppressed to protect them.
     *
     * @param total the case files of the services compared (all services' total when none is left out)
     */
    public record Breakdown(SharedField field, List<Tenant> included, List<Excluded> excluded, List<Figure> answers,
                            Figure total) {}

    /** A field of the base that fewer than two services have as the base defines it: not compared. */
    public record Unshared(SharedField field, List<Tenant> included, List<Excluded> excluded) {}
}
