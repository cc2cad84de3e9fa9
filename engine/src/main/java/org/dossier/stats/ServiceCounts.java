package org.dossier.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dossier.retention.Retention;
import org.dossier.stats.SharedFields.SharedField;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * One service's counts kept as its case files are written ({@link CaseFileCounts}), for its own
 * pages: its dashboard reads the answers to the base's shared fields from them, exact and in the
 * same time at 200,000 case files as at 200.
 */
public final class ServiceCounts {
    /** The key of the case files that answer none of the base's options. */
    public static final String NO_OPTION = "";

    private final Jdbi jdbi;

    public ServiceCounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The service's active case files per option of the base's field at {@code jsonPath}, every
     * option included (0 when none answers it), then under {@link #NO_OPTION} those answering none;
     * empty when the field is not one the triggers count.
     */
    public Optional<Map<String, Long>> activeAnswers(TenantId tenantId, Retention retention, String jsonPath) {
        Optional<SharedField> counted = CountedAnswers.FIELDS.stream().filter(field -> field.jsonPath().equals(jsonPath))
                .findFirst();
        return counted.map(field -> {
            // One snapshot: a fold running meanwhile moves deltas into counts, never twice or nowhere here.
            long[] counts = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                    handle -> CaseFileCounts.activeAnswers(handle, tenantId, retention, field));
            Map<String, Long> answers = new LinkedHashMap<>();
            for (int o = 0; o < field.options().size(); o++) {
                answers.put(field.options().get(o).value(), counts[o]);
            }
            answers.put(NO_OPTION, counts[field.options().size()]);
            return answers;
        });
    }
}
