package org.dossier.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.retention.Retention;
import org.dossier.stats.RawStatistics.FieldCounts;
import org.dossier.stats.SharedFields.Exclusion;
import org.dossier.stats.SharedFields.SharedField;
import org.dossier.stats.StatisticsReport.Excluded;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the cross-service statistics for the super-admin: per service and across services,
 * case files by retention phase, new case files per month over twelve months, active users, last
 * activity, and the breakdowns over the base's shared fields. Services kept only as templates hold
 * no case file and are left out.
 *
 * <p>Every count is read in one repeatable-read transaction, so that the sums hold between
 * queries while case files are being written, then suppressed by {@link SmallCells} as one table.
 *
 * <p>{@link #current} keeps the report of all services for {@link #FRESH_FOR}: a breakdown reads one
 * JSON value of every kept case file, about 50 ms per field per 10,000 case files on MariaDB, which
 * stores JSON as text. The page and its CSV files then also show the same figures.
 */
public final class PlatformStatistics {
    /** Months of the new-case-files table, the current one included. */
    public static final int MONTHS = 12;

    private static final Logger LOG = LoggerFactory.getLogger(PlatformStatistics.class);
    /** How long {@link #current} serves the same report. */
    public static final Duration FRESH_FOR = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final FormService forms;
    private final List<SharedField> fields = SharedFields.of(BaseSchema.baseSchema());
    private StatisticsReport cached;
    private List<Tenant> cachedFor = List.of();
    private long cachedAtNanos;

    public PlatformStatistics(Jdbi jdbi, FormService forms) {
        this.jdbi = jdbi;
        this.forms = forms;
    }

    /**
     * The statistics of {@code tenants} now: the last report if it is younger than {@link #FRESH_FOR},
     * of the same day and of the same services (a service created, renamed or suspended since shows
     * at once), else a new one. One at a time, so that several super-admins opening the page together
     * cost one computation.
     */
    public synchronized StatisticsReport current(List<Tenant> tenants) {
        LocalDate today = LocalDate.now(Retention.ZONE);
        if (cached == null || !cached.today().equals(today) || !cachedFor.equals(tenants)
                || System.nanoTime() - cachedAtNanos > FRESH_FOR.toNanos()) {
            long start = System.nanoTime();
            cached = compute(tenants, today);
            LOG.info("Statistics of {} services computed in {} ms", cached.services().size(),
                    (System.nanoTime() - start) / 1_000_000);
            cachedFor = List.copyOf(tenants);
            cachedAtNanos = System.nanoTime();
        }
        return cached;
    }

    /**
     * Adds every service's deltas into its counts (a task of the scheduler, so that a report finds
     * little to fold, and the deltas a migration wrote for existing case files are folded soon after
     * a start). @return the deltas folded
     */
    public long foldAll() {
        List<TenantId> written = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT /* all tenants */ DISTINCT tenant_id FROM statistics_deltas")
                .map((rs, ctx) -> new TenantId(rs.getLong(1))).list());
        return written.stream().mapToLong(tenantId -> CaseFileCounts.fold(jdbi, tenantId)).sum();
    }

    /** The statistics of {@code tenants} (templates left out), for the day {@code today} in Paris. */
    public StatisticsReport compute(List<Tenant> tenants, LocalDate today) {
        RawStatistics raw = read(tenants, today);
        return StatisticsCells.report(raw, SmallCells.suppress(StatisticsCells.table(raw)));
    }

    private RawStatistics read(List<Tenant> tenants, LocalDate today) {
        List<Tenant> services = tenants.stream().filter(tenant -> !tenant.template())
                .sorted(Comparator.comparing((Tenant tenant) -> tenant.name().toLowerCase(java.util.Locale.ROOT))
                        .thenComparing(Tenant::slug))
                .toList();
        List<YearMonth> months = new ArrayList<>();
        List<Instant> monthStarts = new ArrayList<>();
        YearMonth first = YearMonth.from(today).minusMonths(MONTHS - 1);
        for (int m = 0; m <= MONTHS; m++) {
            if (m < MONTHS) {
                months.add(first.plusMonths(m));
            }
            monthStarts.add(first.plusMonths(m).atDay(1).atStartOfDay(Retention.ZONE).toInstant());
        }
        List<FieldComparison> comparisons = fields.stream().map(field -> compare(field, services)).toList();
        // Each service's deltas into its counts first, in their own transactions; the read below then
        // adds the few written since.
        services.forEach(tenant -> CaseFileCounts.fold(jdbi, tenant.id()));
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            StatisticsDao dao = new StatisticsDao(handle);
            Map<TenantId, CaseFileCounts.Counted> counted = new HashMap<>();
            Map<TenantId, StatisticsDao.CaseFiles> caseFiles = new HashMap<>();
            Map<TenantId, Long> users = new HashMap<>();
            Map<TenantId, Optional<Instant>> lastActivity = new HashMap<>();
            for (Tenant tenant : services) {
                // Each service's active and archived case files follow its own retention policy.
                CaseFileCounts.Counted counts = CaseFileCounts.read(handle, tenant.id(),
                        Retention.on(today, tenant.retention()), monthStarts);
                counted.put(tenant.id(), counts);
                caseFiles.put(tenant.id(), counts.caseFiles());
                users.put(tenant.id(), dao.activeUsers(tenant.id()));
                lastActivity.put(tenant.id(), dao.lastActivity(tenant.id()));
            }
            long distinctUsers = dao.distinctActiveUsers(services.stream().map(Tenant::id).toList());
            Map<SharedField, long[]> answers = answers(services, comparisons, counted);
            List<FieldCounts> counts = comparisons.stream().map(comparison -> new FieldCounts(comparison.field(),
                    comparison.included(), comparison.excluded(), answers.get(comparison.field()))).toList();
            return new RawStatistics(today, Instant.now(), List.copyOf(months), services, caseFiles, users, distinctUsers,
                    lastActivity, counts);
        });
    }

    /** A shared field and, for each service, whether its published form has the field as the base does. */
    private record FieldComparison(SharedField field, List<Tenant> included, List<Excluded> excluded) {}

    private FieldComparison compare(SharedField field, List<Tenant> services) {
        List<Tenant> included = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        for (Tenant tenant : services) {
            Optional<Exclusion> why = SharedFields.exclusion(field, forms.latest(tenant.id(), FormService.CASE_FILE).definition());
            why.ifPresentOrElse(exclusion -> excluded.add(new Excluded(tenant, exclusion)), () -> included.add(tenant));
        }
        return new FieldComparison(field, List.copyOf(included), List.copyOf(excluded));
    }

    /**
     * For each field, the kept case files of the services compared on it per option of the base and,
     * last, without a known answer (their kept total less the known answers). Only fields compared on
     * at least two services are summed: the others are listed, not counted.
     */
    private static Map<SharedField, long[]> answers(List<Tenant> services, List<FieldComparison> comparisons,
                                                    Map<TenantId, CaseFileCounts.Counted> counted) {
        Map<SharedField, long[]> answers = new HashMap<>();
        comparisons.forEach(comparison -> answers.put(comparison.field(), new long[comparison.field().options().size() + 1]));
        for (Tenant tenant : services) {
            CaseFileCounts.Counted found = counted.get(tenant.id());
            StatisticsDao.CaseFiles files = found.caseFiles();
            for (FieldComparison comparison : comparisons) {
                if (comparison.included().size() < StatisticsCells.MIN_SHARED || !comparison.included().contains(tenant)) {
                    continue;
                }
                SharedField field = comparison.field();
                long[] counts = answers.get(field);
                long known = 0;
                for (int i = 0; i < field.options().size(); i++) {
                    long n = found.answered(field, i);
                    counts[i] += n;
                    known += n;
                }
                counts[counts.length - 1] += files.active() + files.archived() - known;
            }
        }
        return answers;
    }
}
