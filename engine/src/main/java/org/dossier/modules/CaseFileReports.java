package org.dossier.modules;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicies;
import org.dossier.stats.ServiceCounts;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * The read-only figures of the modules: open eviction procedures, counts for the dashboard. One
 * service at a time, its active case files only: archived ones are out of the working pages.
 */
public final class CaseFileReports {
    private final Jdbi jdbi;
    private final Clock clock;
    private final ServiceCounts counts;

    public CaseFileReports(Jdbi jdbi) {
        this(jdbi, Clock.systemUTC());
    }

    /** @param clock the day that decides which case files are active, the only ones counted */
    public CaseFileReports(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.counts = new ServiceCounts(jdbi);
    }

    /** The service's own retention policy decides which case files are active. */
    private Instant activeSince(TenantId tenantId) {
        return jdbi.withHandle(handle -> RetentionPolicies.at(handle, tenantId, clock.instant()).activeSince());
    }

    /** A case file with an open eviction procedure. */
    public record Eviction(String id, String lastName, String firstName, String stage, String hearingDate, String landlord) {}

    /** Case files whose eviction procedure is open, by hearing date (files without one last). */
    public List<Eviction> openEvictions(TenantId tenantId, boolean latestHearingFirst) {
        String direction = latestHearingFirst ? "DESC" : "ASC";
        return jdbi.withExtension(CaseFileReportsDao.class, dao -> dao.openEvictions(tenantId, direction, activeSince(tenantId))).stream()
                .map(row -> new Eviction(row.id().toString(), row.lastName(), row.firstName(), row.stage(), row.hearing(),
                        row.landlord()))
                .toList();
    }

    /** Active case files per follow-up status, most frequent first: every one counted, from the status index. */
    public Map<String, Long> byStatus(TenantId tenantId) {
        Instant activeSince = activeSince(tenantId);
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.withExtension(CaseFileReportsDao.class, dao -> {
            List<CaseFileReportsDao.ValueCount> rows = new java.util.ArrayList<>(dao.byStatus(tenantId, activeSince));
            rows.addAll(dao.heldByStatus(tenantId, activeSince));
            return rows;
        }).forEach(row -> counts.merge(row.value(), row.n(), Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /**
     * The answers to several single-choice fields, counted over the service's active case files,
     * the {@code bound} modified last when it holds more (see {@link AnswerCounts}).
     *
     * @param byPath    per JSON path, its answers ("" for none) and their counts, most frequent first
     * @param caseFiles how many case files were counted
     * @param bounded   whether the service holds more active case files than were counted
     */
    public record Answers(Map<String, Map<String, Long>> byPath, long caseFiles, boolean bounded, int bound) {}

    /**
     * The answers to one of the base's shared fields over every active case file, exact, from the
     * counts kept as case files are written ({@link ServiceCounts}), in the shape of {@link #answers}:
     * answers given at least once, most frequent first, "" for none. Empty when the triggers do not
     * count the field, or when the service offers an option of its own for it (the counts know the
     * base's options only): the caller then counts it with {@link #answers}.
     *
     * @param offered the option values the service's form offers for the field
     */
    public Optional<Map<String, Long>> exactAnswers(TenantId tenantId, String jsonPath, java.util.Set<String> offered) {
        Retention retention = jdbi.withHandle(handle -> RetentionPolicies.at(handle, tenantId, clock.instant()));
        return counts.activeAnswers(tenantId, retention, jsonPath)
                .filter(counted -> counted.keySet().containsAll(offered))
                .map(counted -> {
                    Map<String, Long> sorted = new LinkedHashMap<>();
                    counted.entrySet().stream().filter(entry -> entry.getValue() > 0)
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
                    return sorted;
                });
    }

    /** @param jsonPaths paths of field names ({@code $.a.b}), each checked */
    public Answers answers(TenantId tenantId, List<String> jsonPaths) {
        return answers(tenantId, jsonPaths, AnswerCounts.BOUND);
    }

    /** The same with a bound of its own: tests set it low to stay small. */
    Answers answers(TenantId tenantId, List<String> jsonPaths, int bound) {
        for (String jsonPath : jsonPaths) {
            if (!jsonPath.matches("^\\$(\\.[A-Za-z][A-Za-z0-9_]*)+$")) {
                throw new IllegalArgumentException("not a field path: " + jsonPath);
            }
        }
        Instant activeSince = activeSince(tenantId);
        AnswerCounts.Counted counted = jdbi.withHandle(handle -> AnswerCounts.count(handle, tenantId, jsonPaths,
                activeSince, bound));
        return new Answers(counted.byPath(), counted.caseFiles(), counted.bounded(), bound);
    }

    /** Case files opened per month over the last twelve months, oldest first, months without any included. */
    public Map<YearMonth, Long> openedPerMonth(TenantId tenantId, LocalDate today) {
        YearMonth first = YearMonth.from(today).minusMonths(11);
        Map<YearMonth, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            counts.put(first.plusMonths(i), 0L);
        }
        jdbi.withExtension(CaseFileReportsDao.class,
                        dao -> dao.openedPerMonth(tenantId, first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)))
                .forEach(row -> counts.computeIfPresent(YearMonth.of(row.y(), row.m()), (month, zero) -> row.n()));
        return counts;
    }

    /** Case files per answer of one single-choice field, given by its JSON path ({@code $.a.b}). */
    public Map<String, Long> byAnswer(TenantId tenantId, String jsonPath) {
        if (!jsonPath.matches("^\\$(\\.[A-Za-z][A-Za-z0-9_]*)+$")) {
            throw new IllegalArgumentException("not a field path: " + jsonPath);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.withExtension(CaseFileReportsDao.class, dao -> dao.byAnswer(tenantId, jsonPath, activeSince(tenantId)))
                .forEach(row -> counts.merge(row.value() == null ? "" : row.value(), row.n(), Long::sum));
        return counts;
    }
}
