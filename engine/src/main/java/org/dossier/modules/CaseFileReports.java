package org.dossier.modules;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dossier.retention.RetentionPolicies;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * The read-only figures of the modules: open eviction procedures, counts for the dashboard. One
 * service at a time, its active case files only: archived ones are out of the working pages.
 */
public final class CaseFileReports {
    private final Jdbi jdbi;
    private final Clock clock;

    public CaseFileReports(Jdbi jdbi) {
        this(jdbi, Clock.systemUTC());
    }

    /** @param clock the day that decides which case files are active, the only ones counted */
    public CaseFileReports(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
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

    /** Case files per follow-up status. */
    public Map<String, Long> byStatus(TenantId tenantId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.withExtension(CaseFileReportsDao.class, dao -> dao.byStatus(tenantId, activeSince(tenantId)))
                .forEach(row -> counts.put(row.value(), row.n()));
        return counts;
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
