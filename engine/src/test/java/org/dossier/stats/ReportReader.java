package org.dossier.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.stats.StatisticsReport.Breakdown;
import org.dossier.stats.StatisticsReport.MonthRow;
import org.dossier.stats.StatisticsReport.ServiceRow;
import org.dossier.tenant.Tenant;

/**
 * Reads a report as its reader sees the tables: every figure by table, row and column, and the
 * sums the layout shows (each row and its total, each column and the row of all services, a
 * breakdown's total as the sum of the totals of the services it names). It does not use the cell names or sums of the code
 * under test. Active users are left out of the sums: people can belong to several services.
 */
final class ReportReader {
    final Map<String, Figure> figures = new LinkedHashMap<>();
    final List<Attacker.Relation> relations = new ArrayList<>();

    ReportReader(StatisticsReport report) {
        List<String> services = new ArrayList<>();
        for (ServiceRow row : report.services()) {
            services.add(services(row));
        }
        String all = services(report.allServices());
        for (ServiceRow row : rows(report.services(), report.allServices())) {
            String name = services(row);
            figures.put(name + "|active", row.active());
            figures.put(name + "|archived", row.archived());
            figures.put(name + "|total", row.total());
            sum(name + "|total", name + "|active", name + "|archived");
        }
        for (String column : List.of("active", "archived", "total")) {
            relations.add(new Attacker.Relation(all + "|" + column, services.stream().map(s -> s + "|" + column).toList()));
        }

        List<String> monthRows = new ArrayList<>();
        for (MonthRow row : rows(report.newCaseFiles(), report.allNewCaseFiles())) {
            String name = "months|" + service(row.service());
            List<String> parts = new ArrayList<>();
            for (int m = 0; m < row.months().size(); m++) {
                figures.put(name + "|" + m, row.months().get(m));
                parts.add(name + "|" + m);
            }
            figures.put(name + "|total", row.total());
            relations.add(new Attacker.Relation(name + "|total", parts));
            if (row.service().isPresent()) {
                monthRows.add(name);
            }
        }
        for (int m = 0; m <= report.months().size(); m++) {
            String column = m == report.months().size() ? "total" : String.valueOf(m);
            relations.add(new Attacker.Relation("months|all|" + column, monthRows.stream().map(r -> r + "|" + column).toList()));
        }

        for (Breakdown breakdown : report.breakdowns()) {
            String table = "breakdown:" + breakdown.field().path();
            List<String> parts = new ArrayList<>();
            for (int a = 0; a < breakdown.answers().size(); a++) {
                figures.put(table + "|" + a, breakdown.answers().get(a));
                parts.add(table + "|" + a);
            }
            figures.put(table + "|total", breakdown.total());
            relations.add(new Attacker.Relation(table + "|total", parts));
            // The page names the services compared: their totals in the services table add up to this one.
            relations.add(new Attacker.Relation(table + "|total",
                    breakdown.included().stream().map(tenant -> "services|" + tenant.slug() + "|total").toList()));
        }
    }

    /** The figure of a service's row (or of all services, for an empty service) in a table. */
    Figure figure(String table, Optional<Tenant> service, String column) {
        return figures.get(table + "|" + service(service) + "|" + column);
    }

    private void sum(String total, String... parts) {
        relations.add(new Attacker.Relation(total, List.of(parts)));
    }

    private static String services(ServiceRow row) {
        return "services|" + service(row.service());
    }

    static String service(Optional<Tenant> service) {
        return service.map(Tenant::slug).orElse("all");
    }

    private static <T> List<T> rows(List<T> rows, T all) {
        List<T> every = new ArrayList<>(rows);
        every.add(all);
        return every;
    }
}
