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
 * compare, and even a query of a confidential field's path finds only sealed text in the database.
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

        Map<String, Long> answers = services.jdbi().withHandle(handle -> new StatisticsDao(handle)
                .answers(tenant.id(), List.of("$.notes_confidentielles.contenu"), Retention.at(Instant.now(), org.dossier.retention.RetentionPolicy.DEFAULT)));
        assertThat(answers).hasSize(12);
        assertThat(answers.keySet()).allMatch(answer -> answer.startsWith(ConfidentialCipher.PREFIX))
                .noneMatch(answer -> answer.contains(note));
    }
}
