package org.dossier.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.crypto.ConfidentialCipher;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Statistics never read a confidential value: no confidential field is among the fields they
 * compare, their counts hold option positions and counts only, and even a query of a confidential
 * field's path finds only sealed text in the database.
 */
@Tag("integration")
class ConfidentialStatisticsTest {
    private final Services services = TestDatabase.services();

    @Test
    void statistics_never_read_a_confidential_value() {
        Tenant tenant = TestTenants.withBaseForm(services, "stats-sealed");
        String note = "Statsecret" + System.nanoTime();
        for (int i = 0; i < 12; i++) {
            var data = TestRecords.validData("Statnom" + i);
            data.putObject("notes_confidentielles").put("contenu", note);
            services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
        }

        assertThat(SharedFields.of(BaseSchema.baseSchema())).extracting(SharedFields.SharedField::path)
                .isNotEmpty().noneMatch(path -> path.startsWith("notes_confidentielles"));
        StatisticsReport report = services.statistics().compute(List.of(tenant), LocalDate.now(Retention.ZONE));
        assertThat(report.toString()).doesNotContain(note);

        // What the statistics keep of these case files: counts, and per field the position of an option.
        List<String> kept = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT CONCAT(activity_year, ' ', dimension, ' ', answer, ' ', n) FROM statistics_counts
                         WHERE tenant_id = :tenantId
                        UNION ALL
                        SELECT CONCAT(sign, ' ', last_activity_at, ' ', created_at, ' ', answers) FROM statistics_deltas
                         WHERE tenant_id = :tenantId
                        """).bind("tenantId", tenant.id()).mapTo(String.class).list());
        assertThat(kept).isNotEmpty().noneMatch(row -> row.contains(note) || row.contains(ConfidentialCipher.PREFIX));
        List<String> dimensions = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT DISTINCT dimension FROM statistics_counts WHERE tenant_id = :tenantId")
                .bind("tenantId", tenant.id()).mapTo(String.class).list());
        assertThat(dimensions).allMatch(dimension -> dimension.equals(CaseFileCounts.KEPT) || dimension.equals(CaseFileCounts.CREATED)
                        || CountedAnswers.FIELDS.stream().anyMatch(field -> field.jsonPath().equals(dimension)));

        // Even a reading of the confidential path itself, row by row, finds sealed text only.
        Map<String, Long> answers = services.jdbi().withHandle(handle -> new RowCounts(handle)
                .answers(tenant.id(), List.of("$.notes_confidentielles.contenu"), Retention.at(Instant.now(), org.dossier.retention.RetentionPolicy.DEFAULT)));
        assertThat(answers).hasSize(12);
        assertThat(answers.keySet()).allMatch(answer -> answer.startsWith(ConfidentialCipher.PREFIX))
                .noneMatch(answer -> answer.contains(note));
    }
}
