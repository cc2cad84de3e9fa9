package org.dossier.web.platform;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicy;
import org.dossier.stats.Figure;
import org.dossier.stats.SharedFields.Option;
import org.dossier.stats.StatisticsReport;
import org.dossier.stats.StatisticsReport.Breakdown;
import org.dossier.stats.StatisticsReport.Excluded;
import org.dossier.stats.StatisticsReport.MonthRow;
import org.dossier.stats.StatisticsReport.ServiceRow;
import org.dossier.stats.StatisticsReport.Unshared;
import org.dossier.tenant.Tenant;
import org.dossier.web.Dates;
import org.dossier.web.UiText;

/**
 * The statistics as tables in one language: the page and the CSV files are built from the same
 * tables, cell for cell, so a file never holds a figure the page does not show. Every count comes
 * from a {@link Figure}, already suppressed; a suppressed one reads {@value #SUPPRESSED} everywhere.
 */
final class StatisticsView {
    /** What a suppressed figure reads, primary or secondary alike (see {@code SmallCells}). */
    static final String SUPPRESSED = "< 5";
    private static final DateTimeFormatter ISO_MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    /** One cell: as the page shows it, and as the CSV file holds it (digits only, ISO dates). */
    record Cell(String text, String csv, boolean numeric, boolean suppressed) {}

    /** A column heading, on the page and in the CSV file; {@code numeric} columns are right-aligned. */
    record Column(String text, String csv, boolean numeric) {}

    /** A row, with its heading; {@code total} for a row of totals. */
    record Row(String header, boolean total, List<Cell> cells) {}

    /** A table: its caption, the heading of its row headings, its columns, its rows, and notes shown under it. */
    record Table(String id, String caption, String rowHeading, List<Column> columns, List<Row> rows, List<String> notes) {}

    private final StatisticsReport report;
    private final Locale locale;
    private final NumberFormat numbers;

    StatisticsView(StatisticsReport report, Locale locale) {
        this.report = report;
        this.locale = locale;
        this.numbers = NumberFormat.getIntegerInstance(locale);
    }

    Instant computedAt() {
        return report.computedAt();
    }

    Table services() {
        List<Column> columns = List.of(column("stats.col.active"), column("stats.col.archived"), column("stats.col.total"),
                column("stats.col.users"), new Column(text("stats.col.lastActivity"), text("stats.col.lastActivity"), false));
        List<Row> rows = new ArrayList<>();
        for (ServiceRow row : rows(report.services(), report.allServices())) {
            rows.add(new Row(name(row.service()), row.service().isEmpty(), List.of(cell(row.active()), cell(row.archived()),
                    cell(row.total()), cell(row.users()), date(row.lastActivity()))));
        }
        List<String> notes = new ArrayList<>(lifecycleNotes());
        notes.add(text("stats.services.users"));
        notes.add(text("stats.services.lastActivity"));
        return new Table("services", text("stats.services.caption"), text("stats.col.service"), columns, rows,
                List.copyOf(notes));
    }

    /** The years counted active and archived: the default's, then each service whose retention differs. */
    private List<String> lifecycleNotes() {
        List<String> notes = new ArrayList<>();
        notes.add(text("stats.services.lifecycle", years(RetentionPolicy.DEFAULT)));
        report.services().stream().flatMap(row -> row.service().stream())
                .filter(service -> !service.retention().isDefault())
                .forEach(service -> {
                    Object[] years = years(service.retention());
                    notes.add(text("stats.services.lifecycle.service", service.name(), years[0], years[1], years[2],
                            years[3], service.retention().activeYears(), service.retention().archivedYears()));
                });
        return notes;
    }

    /** Active: last activity from {0} to {1}; archived: from {2} to {3}. */
    private Object[] years(RetentionPolicy policy) {
        int year = report.today().getYear();
        return new Object[] {String.valueOf(year - policy.activeYears() + 1), String.valueOf(year),
                String.valueOf(year - policy.keptYears()), String.valueOf(year - policy.activeYears())};
    }

    Table months() {
        // As on a service's dashboard: 03/2026 in French, 2026-03 in English.
        DateTimeFormatter heading = "fr".equals(locale.getLanguage()) ? DateTimeFormatter.ofPattern("MM/yyyy") : ISO_MONTH;
        List<Column> columns = new ArrayList<>();
        for (YearMonth month : report.months()) {
            columns.add(new Column(heading.format(month), ISO_MONTH.format(month), true));
        }
        columns.add(column("stats.col.monthsTotal"));
        List<Row> rows = new ArrayList<>();
        for (MonthRow row : rows(report.newCaseFiles(), report.allNewCaseFiles())) {
            List<Cell> cells = new ArrayList<>();
            row.months().forEach(figure -> cells.add(cell(figure)));
            cells.add(cell(row.total()));
            rows.add(new Row(name(row.service()), row.service().isEmpty(), List.copyOf(cells)));
        }
        YearMonth first = report.months().get(0);
        YearMonth last = report.months().get(report.months().size() - 1);
        return new Table("months", text("stats.months.caption", heading.format(first), heading.format(last)),
                text("stats.col.service"), List.copyOf(columns), rows, List.of(text("stats.months.note")));
    }

    List<Table> breakdowns() {
        List<Table> tables = new ArrayList<>();
        for (Breakdown breakdown : report.breakdowns()) {
            List<Row> rows = new ArrayList<>();
            List<Option> options = breakdown.field().options();
            for (int a = 0; a < breakdown.answers().size(); a++) {
                String label = a < options.size() ? options.get(a).label().in(locale) : text("stats.unanswered");
                rows.add(new Row(label, false, List.of(cell(breakdown.answers().get(a)))));
            }
            rows.add(new Row(text("stats.total"), true, List.of(cell(breakdown.total()))));
            List<String> notes = new ArrayList<>();
            notes.add(text("stats.breakdown.included", names(breakdown.included())));
            if (!breakdown.excluded().isEmpty()) {
                notes.add(text("stats.breakdown.excluded", excluded(breakdown.excluded())));
            }
            tables.add(new Table("breakdown-" + breakdown.field().path().replace('.', '-'),
                    breakdown.field().label().in(locale), text("stats.col.answer"),
                    List.of(column("stats.col.caseFiles")), rows, List.copyOf(notes)));
        }
        return tables;
    }

    /** The base fields not compared, each with the services that have it as the base does, and those left out. */
    List<String> unshared() {
        List<String> lines = new ArrayList<>();
        for (Unshared field : report.unshared()) {
            String label = field.field().label().in(locale);
            String excluded = excluded(field.excluded());
            lines.add(field.included().isEmpty() ? text("stats.unshared.none", label, excluded)
                    : text("stats.unshared.one", label, names(field.included()), excluded));
        }
        return lines;
    }

    /** The breakdowns in one CSV table, one line per answer: field, answer, case files, services compared and not. */
    List<List<String>> breakdownsCsv() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of(text("stats.col.field"), text("stats.col.answer"), text("stats.col.caseFiles"),
                text("stats.col.included"), text("stats.col.excluded")));
        List<Table> tables = breakdowns();
        for (int i = 0; i < report.breakdowns().size(); i++) {
            Breakdown breakdown = report.breakdowns().get(i);
            Table table = tables.get(i);
            for (Row row : table.rows()) {
                lines.add(List.of(table.caption(), row.header(), row.cells().get(0).csv(), names(breakdown.included()),
                        excluded(breakdown.excluded())));
            }
        }
        return lines;
    }

    /** A table as CSV lines: headings first. */
    static List<List<String>> csv(Table table) {
        List<List<String>> lines = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        headings.add(table.rowHeading());
        table.columns().forEach(column -> headings.add(column.csv()));
        lines.add(headings);
        for (Row row : table.rows()) {
            List<String> line = new ArrayList<>();
            line.add(row.header());
            row.cells().forEach(cell -> line.add(cell.csv()));
            lines.add(line);
        }
        return lines;
    }

    // ---- cells ---------------------------------------------------------------------------------------

    private Cell cell(Figure figure) {
        if (figure.suppressed()) {
            return new Cell(SUPPRESSED, SUPPRESSED, true, true);
        }
        return new Cell(numbers.format(figure.value()), Long.toString(figure.value()), true, false);
    }

    private Cell date(Optional<Instant> instant) {
        if (instant.isEmpty()) {
            return new Cell("—", "", false, false);
        }
        LocalDate day = LocalDate.ofInstant(instant.get(), Retention.ZONE);
        return new Cell(Dates.date(day.toString(), locale), day.toString(), false, false);
    }

    private Column column(String key) {
        return new Column(text(key), text(key), true);
    }

    private String name(Optional<Tenant> service) {
        if (service.isEmpty()) {
            return text("stats.all");
        }
        return service.get().suspended() ? text("stats.suspended", service.get().name()) : service.get().name();
    }

    private static String names(List<Tenant> services) {
        return services.stream().map(Tenant::name).collect(Collectors.joining(", "));
    }

    private String excluded(List<Excluded> excluded) {
        return excluded.stream().map(left -> text("stats.excluded.item", left.service().name(),
                        text("stats.why." + left.why().reason().name(), left.why().section().in(locale))))
                .collect(Collectors.joining(", "));
    }

    private String text(String key, Object... args) {
        return UiText.get(locale, key, args);
    }

    private static <T> List<T> rows(List<T> rows, T all) {
        List<T> every = new ArrayList<>(rows);
        every.add(all);
        return every;
    }
}
