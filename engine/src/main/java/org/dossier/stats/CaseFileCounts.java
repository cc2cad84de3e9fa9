package org.dossier.stats;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dossier.form.FormService;
import org.dossier.retention.Retention;
import org.dossier.stats.SharedFields.SharedField;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A service's case files counted as they are written, so that its statistics cost the same at ten
 * or at a million case files. The triggers of {@link CountedAnswers} append a delta per change;
 * {@link #fold} adds a service's deltas into {@code statistics_counts} by year of last activity;
 * {@link #read} sums the counts of the years still kept, the deltas not folded yet and the few held
 * case files the years do not account for (a hold keeps a case file active whatever its last
 * activity). The figures are those the rows themselves give: {@code CaseFileCountsTest} compares
 * both after every kind of write.
 */
final class CaseFileCounts {
    static final String KEPT = "kept";
    static final String CREATED = "created";
    /** Deltas folded per transaction: the service's writers wait for a fold, so it stays short. */
    static final int FOLD_BATCH = 20_000;

    private CaseFileCounts() {}

    /** What {@link #read} finds for one service: its case files and, per shared field's JSON path, the answers per option. */
    record Counted(StatisticsDao.CaseFiles caseFiles, Map<String, long[]> answers) {
        /** How many kept case files answer option {@code index} (0-based) of {@code field}. */
        long answered(SharedField field, int index) {
            long[] counts = answers.get(field.jsonPath());
            return counts == null ? 0 : counts[index];
        }
    }

    /**
     * Adds the service's deltas into its counts and deletes them, a batch per transaction. The read of
     * the deltas locks them (and the gap after them): a second fold of the same service waits, then
     * finds none of them left, so no delta is ever added twice. @return the deltas folded
     */
    static long fold(Jdbi jdbi, TenantId tenantId) {
        long folded = 0;
        while (true) {
            int batch = jdbi.inTransaction(handle -> foldBatch(handle, tenantId));
            folded += batch;
            if (batch < FOLD_BATCH) {
                return folded;
            }
        }
    }

    private static int foldBatch(Handle handle, TenantId tenantId) {
        Tally tally = new Tally();
        long[] last = {Long.MIN_VALUE};
        int[] seen = {0};
        handle.createQuery("""
                        SELECT id, sign, last_activity_at, created_at, answers FROM statistics_deltas
                         WHERE tenant_id = :tenantId ORDER BY id LIMIT :batch FOR UPDATE
                        """)
                .bind("tenantId", tenantId).bind("batch", FOLD_BATCH)
                .map((rs, ctx) -> {
                    last[0] = rs.getLong("id");
                    seen[0]++;
                    tally.caseFile(rs.getInt("sign"), rs.getTimestamp("last_activity_at").toInstant(),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("answers"));
                    return null;
                }).forEach(ignored -> { });
        if (seen[0] == 0) {
            return 0;
        }
        PreparedBatch upsert = handle.prepareBatch("""
                INSERT INTO statistics_counts (tenant_id, activity_year, dimension, answer, n)
                VALUES (:tenantId, :year, :dimension, :answer, :n)
                ON DUPLICATE KEY UPDATE n = n + VALUES(n)
                """);
        tally.counts.forEach((key, n) -> {
            if (n != 0) {
                upsert.bind("tenantId", tenantId).bind("year", key.year()).bind("dimension", key.dimension())
                        .bind("answer", key.answer()).bind("n", n).add();
            }
        });
        if (upsert.size() > 0) {
            upsert.execute();
        }
        handle.createUpdate("DELETE FROM statistics_deltas WHERE tenant_id = :tenantId AND id <= :last")
                .bind("tenantId", tenantId).bind("last", last[0]).execute();
        handle.createUpdate("DELETE FROM statistics_counts WHERE tenant_id = :tenantId AND n = 0")
                .bind("tenantId", tenantId).execute();
        return seen[0];
    }

    /**
     * The service's kept case files today, on {@code handle}'s transaction (repeatable read: the
     * counts and the deltas are read in one snapshot, so a fold running meanwhile changes nothing).
     *
     * @param monthStarts the first instant of each month counted, and the end of the last one
     */
    static Counted read(Handle handle, TenantId tenantId, Retention retention, List<Instant> monthStarts) {
        int activeYear = year(retention.activeSince());
        int keptYear = year(retention.keptSince());
        Tally tally = new Tally();
        handle.createQuery("""
                        SELECT activity_year, dimension, answer, n FROM statistics_counts
                         WHERE tenant_id = :tenantId AND activity_year >= :keptYear
                        """)
                .bind("tenantId", tenantId).bind("keptYear", keptYear)
                .map((rs, ctx) -> {
                    tally.add(new Key(rs.getInt("activity_year"), rs.getString("dimension"), rs.getString("answer")),
                            rs.getLong("n"));
                    return null;
                }).forEach(ignored -> { });
        deltas(handle, tenantId, tally::caseFile);
        // Held case files last active before the active years: active whatever their year says.
        Tally held = new Tally();
        heldBeforeActive(handle, tenantId, retention, held::caseFile);

        int months = monthStarts.size() - 1;
        long[] newPerMonth = new long[months];
        long kept = 0;
        long active = 0;
        Map<String, long[]> answers = new HashMap<>();
        for (SharedField field : CountedAnswers.FIELDS) {
            answers.put(field.jsonPath(), new long[field.options().size()]);
        }
        Map<String, Integer> monthIndex = new HashMap<>();
        for (int i = 0; i < months; i++) {
            monthIndex.put(YearMonth.from(LocalDate.ofInstant(monthStarts.get(i), Retention.ZONE)).toString(), i);
        }
        for (Tally source : List.of(tally, held)) {
            boolean heldOnes = source == held;
            for (Map.Entry<Key, Long> entry : source.counts.entrySet()) {
                Key key = entry.getKey();
                long n = entry.getValue();
                boolean keptByYear = key.year() >= keptYear;
                // A held case file counts once: by its year when that keeps it, else as held.
                boolean counted = heldOnes ? !keptByYear : keptByYear;
                if (!counted) {
                    if (heldOnes && key.dimension().equals(KEPT)) {
                        active += n; // kept by its year but archived by it: active while held
                    }
                    continue;
                }
                switch (key.dimension()) {
                    case KEPT -> {
                        kept += n;
                        if (heldOnes || key.year() >= activeYear) {
                            active += n;
                        }
                    }
                    case CREATED -> {
                        Integer month = monthIndex.get(key.answer());
                        if (month != null) {
                            newPerMonth[month] += n;
                        }
                    }
                    default -> {
                        long[] counts = answers.get(key.dimension());
                        SharedField field = field(key.dimension());
                        if (counts != null && field != null) {
                            for (int o = 0; o < field.options().size(); o++) {
                                if (field.options().get(o).value().equals(key.answer())) {
                                    counts[o] += n;
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Counted(new StatisticsDao.CaseFiles(active, kept - active, newPerMonth), answers);
    }

    /**
     * The service's active case files (last active in its active years, or held) per option of
     * {@code field} and, last, without an option answered, on {@code handle}'s transaction: the counts
     * of the active years, the deltas not folded yet, and the held case files older than those years.
     */
    static long[] activeAnswers(Handle handle, TenantId tenantId, Retention retention, SharedField field) {
        int activeYear = year(retention.activeSince());
        int options = field.options().size();
        long[] counts = new long[options + 1];
        long[] total = {0};
        Map<String, Integer> option = new HashMap<>();
        for (int o = 0; o < options; o++) {
            option.put(field.options().get(o).value(), o);
        }
        handle.createQuery("""
                        SELECT dimension, answer, SUM(n) AS n FROM statistics_counts
                         WHERE tenant_id = :tenantId AND activity_year >= :activeYear AND dimension IN (:dimension, :kept)
                         GROUP BY dimension, answer
                        """)
                .bind("tenantId", tenantId).bind("activeYear", activeYear).bind("dimension", field.jsonPath())
                .bind("kept", KEPT)
                .map((rs, ctx) -> {
                    if (KEPT.equals(rs.getString("dimension"))) {
                        total[0] += rs.getLong("n");
                    } else {
                        Integer o = option.get(rs.getString("answer"));
                        if (o != null) {
                            counts[o] += rs.getLong("n");
                        }
                    }
                    return null;
                }).forEach(ignored -> { });
        int index = CountedAnswers.FIELDS.indexOf(field);
        CaseFileRow counted = (sign, lastActivity, createdAt, answers) -> {
            total[0] += sign;
            int position = CountedAnswers.positions(answers)[index];
            if (position >= 1 && position <= options) {
                counts[position - 1] += sign;
            }
        };
        deltas(handle, tenantId, (sign, lastActivity, createdAt, answers) -> {
            if (year(lastActivity) >= activeYear) {
                counted.accept(sign, lastActivity, createdAt, answers);
            }
        });
        // Held case files last active before the active years: active whatever their year says.
        heldBeforeActive(handle, tenantId, retention, counted);
        long known = 0;
        for (int o = 0; o < options; o++) {
            known += counts[o];
        }
        counts[options] = total[0] - known;
        return counts;
    }

    /** A case file as a delta or a row gives it: counted {@code sign} times. */
    @FunctionalInterface
    private interface CaseFileRow {
        void accept(int sign, Instant lastActivity, Instant createdAt, String answers);
    }

    /** The service's deltas not folded yet. */
    private static void deltas(Handle handle, TenantId tenantId, CaseFileRow row) {
        handle.createQuery("""
                        SELECT sign, last_activity_at, created_at, answers FROM statistics_deltas
                         WHERE tenant_id = :tenantId
                        """)
                .bind("tenantId", tenantId)
                .map((rs, ctx) -> {
                    row.accept(rs.getInt("sign"), rs.getTimestamp("last_activity_at").toInstant(),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("answers"));
                    return null;
                }).forEach(ignored -> { });
    }

    /** The service's held case files last active before its active years, each once (sign 1). */
    private static void heldBeforeActive(Handle handle, TenantId tenantId, Retention retention, CaseFileRow row) {
        handle.createQuery("""
                        SELECT r.last_activity_at, r.created_at, <answers> AS answers
                          FROM record_holds h
                          JOIN records r ON r.tenant_id = h.tenant_id AND r.id = h.record_id
                         WHERE h.tenant_id = :tenantId AND r.tenant_id = :tenantId AND r.form_key = :form
                           AND r.last_activity_at < :activeSince
                        """)
                .define("answers", CountedAnswers.expression("r"))
                .bind("tenantId", tenantId).bind("form", FormService.CASE_FILE).bind("activeSince", retention.activeSince())
                .map((rs, ctx) -> {
                    row.accept(1, rs.getTimestamp("last_activity_at").toInstant(),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("answers"));
                    return null;
                }).forEach(ignored -> { });
    }

    private static SharedField field(String jsonPath) {
        return CountedAnswers.FIELDS.stream().filter(field -> field.jsonPath().equals(jsonPath)).findFirst().orElse(null);
    }

    static int year(Instant instant) {
        return LocalDate.ofInstant(instant, Retention.ZONE).getYear();
    }

    /** A count's key: the year of last activity, the dimension and the answer. */
    record Key(int year, String dimension, String answer) {}

    /** Counts being summed in memory: from count rows, or from case files (a delta, a held case file). */
    private static final class Tally {
        final Map<Key, Long> counts = new HashMap<>();

        void add(Key key, long n) {
            counts.merge(key, n, Long::sum);
        }

        /** One case file, counted {@code sign} times in each of its dimensions. */
        void caseFile(int sign, Instant lastActivity, Instant createdAt, String answers) {
            int year = year(lastActivity);
            add(new Key(year, KEPT, ""), sign);
            add(new Key(year, CREATED, YearMonth.from(LocalDate.ofInstant(createdAt, Retention.ZONE)).toString()), sign);
            int[] positions = CountedAnswers.positions(answers);
            for (int f = 0; f < positions.length; f++) {
                SharedField field = CountedAnswers.FIELDS.get(f);
                int position = positions[f];
                if (position >= 1 && position <= field.options().size()) {
                    add(new Key(year, field.jsonPath(), field.options().get(position - 1).value()), sign);
                }
            }
        }
    }
}
