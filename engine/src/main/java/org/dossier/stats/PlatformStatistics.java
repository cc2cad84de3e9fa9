package org.dossier.stats;

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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Computes the cross-service statistics for the super-admin: per service and across services,
 * case files by retention phase, new case files per month over twelve months, active users, last
 * activity, and the breakdowns over the base's shared fields. Services kept only as templates hold
 * no case file and are left out.
 *
 * <p>Every count is read in one repeatable-read transaction, so that the sums hold between
 * queries while case files are being written, then suppressed by {@link SmallCells} as one table.
 */
public final class PlatformStatistics {
    /** Months of the new-case-files table, the current one included. */
    public static final int MONTHS = 12;

    private final Jdbi jdbi;
    private final FormService forms;
    private final List<SharedField> fields = SharedFields.of(BaseSchema.baseSchema());

    public PlatformStatistics(Jdbi jdbi, FormService forms) {
        this.jdbi = jdbi;
        this.forms = forms;
    }

    /** The statistics of {@code tenants} (templates left out), for the day {@code today} in Paris. */
    public StatisticsReport compute(List<Tenant> tenants, LocalDate today) {
        RawStatistics raw = read(tenants, today);
        return StatisticsCells.report(raw, SmallCells.suppress(StatisticsCells.table(raw)));
    }

    private RawStatistics read(List<Tenant> tenants, LocalDate today) {
        Retention retention = Retention.on(today);
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
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            StatisticsDao dao = new StatisticsDao(handle);
            Map<TenantId, StatisticsDao.CaseFiles> caseFiles = new HashMap<>();
            Map<TenantId, Long> users = new HashMap<>();
            Map<TenantId, Optional<Instant>> lastActivity = new HashMap<>();
            for (Tenant tenant : services) {
                caseFiles.put(tenant.id(), dao.caseFiles(tenant.id(), retention, monthStarts));
                users.put(tenant.id(), dao.activeUsers(tenant.id()));
                lastActivity.put(tenant.id(), dao.lastActivity(tenant.id()));
            }
            long distinctUsers = dao.distinctActiveUsers(services.stream().map(Tenant::id).toList());
            List<FieldCounts> counts = comparisons.stream().map(comparison -> count(handle, comparison, retention)).toList();
            return new RawStatistics(today, List.copyOf(months), services, caseFiles, users, distinctUsers, lastActivity,
                    counts);
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

    /** Counts the answers only where the field is compared: a field with one service is listed, not counted. */
    private static FieldCounts count(Handle handle, FieldComparison comparison, Retention retention) {
        SharedField field = comparison.field();
        long[] counts = new long[field.options().size() + 1];
        if (comparison.included().size() >= StatisticsCells.MIN_SHARED) {
            StatisticsDao dao = new StatisticsDao(handle);
            for (Tenant tenant : comparison.included()) {
                dao.answers(tenant.id(), field.jsonPath(), retention).forEach((answer, n) -> {
                    int option = indexOf(field, answer);
                    counts[option < 0 ? counts.length - 1 : option] += n;
                });
            }
        }
        return new FieldCounts(field, comparison.included(), comparison.excluded(), counts);
    }

    private static int indexOf(SharedField field, String answer) {
        for (int i = 0; i < field.options().size(); i++) {
            if (field.options().get(i).value().equals(answer)) {
                return i;
            }
        }
        return -1;
    }
}
