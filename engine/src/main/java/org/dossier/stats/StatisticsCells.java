package org.dossier.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dossier.stats.RawStatistics.FieldCounts;
import org.dossier.stats.StatisticsReport.Breakdown;
import org.dossier.stats.StatisticsReport.MonthRow;
import org.dossier.stats.StatisticsReport.ServiceRow;
import org.dossier.stats.StatisticsReport.Unshared;
import org.dossier.tenant.Tenant;

/**
 * Turns the raw counts into one {@link SmallCells.Table} holding every figure the page and the CSV
 * files show, with every sum a reader can see in them, and builds the report from the suppressed
 * figures. One table for all: a figure shown in two places (the total of all services, in the
 * services table and in a breakdown that leaves no service out) is one cell, so it is suppressed in
 * both or in neither, and sums across tables are audited together.
 *
 * <p>The sums declared, as the tables show them:
 * <ul>
 *   <li>services: active + archived = total, per service and for all services; each of the three
 *       columns adds up over the services to the row of all services. Active users are people, each
 *       counted once across services, so that column adds up only when no one belongs to two;</li>
 *   <li>new case files: the twelve months add up to the total of each row; each month and the
 *       total add up over the services to the row of all services;</li>
 *   <li>each breakdown: the answers add up to the case files of the services compared, which is
 *       the sum of their totals in the services table (or the total of all services, the same
 *       figure, when none is left out).</li>
 * </ul>
 */
final class StatisticsCells {
    private static final String ALL = "all";
    /** Fewer services than this on a field is no comparison: the field is listed, not counted. */
    static final int MIN_SHARED = 2;

    private StatisticsCells() {}

    static SmallCells.Table table(RawStatistics raw) {
        SmallCells.Table table = new SmallCells.Table();
        caseFiles(raw, table);
        users(raw, table);
        newCaseFiles(raw, table);
        for (FieldCounts field : raw.fields()) {
            if (field.included().size() >= MIN_SHARED) {
                answers(raw, field, table);
            }
        }
        return table;
    }

    static StatisticsReport report(RawStatistics raw, SmallCells.Published published) {
        List<ServiceRow> services = new ArrayList<>();
        List<MonthRow> months = new ArrayList<>();
        for (Tenant tenant : raw.services()) {
            String id = id(tenant);
            services.add(new ServiceRow(Optional.of(tenant), published.figure(active(id)), published.figure(archived(id)),
                    published.figure(total(id)), published.figure(users(id)), raw.lastActivity().get(tenant.id())));
            months.add(monthRow(Optional.of(tenant), id, raw, published));
        }
        Optional<Instant> latest = raw.lastActivity().values().stream().flatMap(Optional::stream).max(Comparator.naturalOrder());
        ServiceRow all = new ServiceRow(Optional.empty(), published.figure(active(ALL)), published.figure(archived(ALL)),
                published.figure(total(ALL)), published.figure(users(ALL)), latest);
        List<Breakdown> breakdowns = new ArrayList<>();
        List<Unshared> unshared = new ArrayList<>();
        for (FieldCounts field : raw.fields()) {
            if (field.included().size() < MIN_SHARED) {
                unshared.add(new Unshared(field.field(), field.included(), field.excluded()));
                continue;
            }
            List<Figure> answers = new ArrayList<>();
            for (int a = 0; a <= field.field().options().size(); a++) {
                answers.add(published.figure(answer(field.field().path(), a)));
            }
            breakdowns.add(new Breakdown(field.field(), field.included(), field.excluded(), List.copyOf(answers),
                    published.figure(includedTotal(raw, field))));
        }
        return new StatisticsReport(raw.today(), raw.computedAt(), raw.months(), services, all, months,
                monthRow(Optional.empty(), ALL, raw, published), breakdowns, unshared);
    }

    // ---- the cells and their sums ---------------------------------------------------------------

    private static void caseFiles(RawStatistics raw, SmallCells.Table table) {
        long active = 0;
        long archived = 0;
        for (Tenant tenant : raw.services()) {
            StatisticsDao.CaseFiles files = raw.caseFiles().get(tenant.id());
            String id = id(tenant);
            table.count(active(id), files.active()).count(archived(id), files.archived())
                    .count(total(id), files.active() + files.archived());
            table.sum(total(id), List.of(active(id), archived(id)));
            active += files.active();
            archived += files.archived();
        }
        table.count(active(ALL), active).count(archived(ALL), archived).count(total(ALL), active + archived);
        table.sum(total(ALL), List.of(active(ALL), archived(ALL)));
        if (!raw.services().isEmpty()) {
            table.sum(active(ALL), keys(raw.services(), StatisticsCells::active));
            table.sum(archived(ALL), keys(raw.services(), StatisticsCells::archived));
            table.sum(total(ALL), keys(raw.services(), StatisticsCells::total));
        }
    }

    private static void users(RawStatistics raw, SmallCells.Table table) {
        long sum = 0;
        for (Tenant tenant : raw.services()) {
            table.count(users(id(tenant)), raw.users().get(tenant.id()));
            sum += raw.users().get(tenant.id());
        }
        table.count(users(ALL), raw.distinctUsers());
        if (!raw.services().isEmpty() && sum == raw.distinctUsers()) {
            table.sum(users(ALL), keys(raw.services(), StatisticsCells::users));
        }
    }

    private static void newCaseFiles(RawStatistics raw, SmallCells.Table table) {
        int months = raw.months().size();
        long[] allPerMonth = new long[months];
        for (Tenant tenant : raw.services()) {
            long[] perMonth = raw.caseFiles().get(tenant.id()).newPerMonth();
            monthCells(id(tenant), perMonth, table);
            for (int m = 0; m < months; m++) {
                allPerMonth[m] += perMonth[m];
            }
        }
        monthCells(ALL, allPerMonth, table);
        if (!raw.services().isEmpty()) {
            for (int m = 0; m < months; m++) {
                int month = m;
                table.sum(month(ALL, m), keys(raw.services(), id -> month(id, month)));
            }
            table.sum(newTotal(ALL), keys(raw.services(), StatisticsCells::newTotal));
        }
    }

    private static void monthCells(String id, long[] perMonth, SmallCells.Table table) {
        List<String> parts = new ArrayList<>();
        long sum = 0;
        for (int m = 0; m < perMonth.length; m++) {
            table.count(month(id, m), perMonth[m]);
            parts.add(month(id, m));
            sum += perMonth[m];
        }
        table.count(newTotal(id), sum);
        table.sum(newTotal(id), parts);
    }

    private static void answers(RawStatistics raw, FieldCounts field, SmallCells.Table table) {
        String key = field.field().path();
        List<String> parts = new ArrayList<>();
        long sum = 0;
        for (int a = 0; a < field.answers().length; a++) {
            table.count(answer(key, a), field.answers()[a]);
            parts.add(answer(key, a));
            sum += field.answers()[a];
        }
        String includedTotal = includedTotal(raw, field);
        if (!includedTotal.equals(total(ALL))) {
            table.count(includedTotal, sum);
            table.sum(includedTotal, keys(field.included(), StatisticsCells::total));
        }
        table.sum(includedTotal, parts);
    }

    // ---- rows of the report ----------------------------------------------------------------------

    private static MonthRow monthRow(Optional<Tenant> service, String id, RawStatistics raw, SmallCells.Published published) {
        List<Figure> figures = new ArrayList<>();
        for (int m = 0; m < raw.months().size(); m++) {
            figures.add(published.figure(month(id, m)));
        }
        return new MonthRow(service, List.copyOf(figures), published.figure(newTotal(id)));
    }

    // ---- cell names --------------------------------------------------------------------------------

    /** The total of the services compared on a field: the total of all services when none is left out. */
    private static String includedTotal(RawStatistics raw, FieldCounts field) {
        if (field.included().size() == raw.services().size()) {
            return total(ALL);
        }
        return total(field.included().stream().map(StatisticsCells::id).sorted().collect(Collectors.joining("+")));
    }

    private static String id(Tenant tenant) {
        return String.valueOf(tenant.id().value());
    }

    private static List<String> keys(List<Tenant> tenants, java.util.function.Function<String, String> key) {
        return tenants.stream().map(StatisticsCells::id).map(key).toList();
    }

    private static String active(String id) {
        return "files.active." + id;
    }

    private static String archived(String id) {
        return "files.archived." + id;
    }

    private static String total(String id) {
        return "files.total." + id;
    }

    private static String users(String id) {
        return "users." + id;
    }

    private static String month(String id, int month) {
        return "new." + id + "." + month;
    }

    private static String newTotal(String id) {
        return "new." + id + ".total";
    }

    private static String answer(String field, int answer) {
        return "answers." + field + "." + answer;
    }
}
