package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.dossier.retention.Retention.Phase;
import org.junit.jupiter.api.Test;

/** The one phase rule at the year boundaries, in Paris time, with and without a legal hold. */
class CaseFilePhaseTest {
    /** An instant given as a Paris wall-clock time. */
    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Retention.ZONE).toInstant();
    }

    @Test
    void a_case_file_last_active_in_n_minus_1_is_active_until_the_last_second_of_n_in_paris() {
        Instant lastActivity = paris("2025-01-01T00:00:00");
        Instant newYearsEve = paris("2026-12-31T23:59:59.999999");
        Instant newYear = paris("2027-01-01T00:00:00");

        assertThat(CaseFilePhase.of(Retention.at(newYearsEve, RetentionPolicy.DEFAULT), lastActivity, false)).isEqualTo(Phase.ACTIVE);
        assertThat(CaseFilePhase.of(Retention.at(newYear, RetentionPolicy.DEFAULT), lastActivity, false)).isEqualTo(Phase.ARCHIVED);
        // 23:00 UTC on 31 December is already the new year in Paris (UTC+1 in winter).
        assertThat(newYear).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(CaseFilePhase.of(Retention.at(Instant.parse("2026-12-31T22:59:59Z"), RetentionPolicy.DEFAULT), lastActivity, false))
                .isEqualTo(Phase.ACTIVE);
    }

    @Test
    void one_microsecond_before_1_january_of_n_minus_1_in_paris_is_archived() {
        Retention retention = Retention.at(paris("2026-06-15T12:00:00"), RetentionPolicy.DEFAULT);

        assertThat(CaseFilePhase.of(retention, paris("2025-01-01T00:00:00"), false)).isEqualTo(Phase.ACTIVE);
        assertThat(CaseFilePhase.of(retention, paris("2024-12-31T23:59:59.999999"), false)).isEqualTo(Phase.ARCHIVED);
    }

    @Test
    void kept_until_the_end_of_n_minus_5_then_due_for_deletion() {
        Retention retention = Retention.at(paris("2026-01-01T00:00:00"), RetentionPolicy.DEFAULT);

        assertThat(CaseFilePhase.of(retention, paris("2021-01-01T00:00:00"), false)).isEqualTo(Phase.ARCHIVED);
        assertThat(CaseFilePhase.of(retention, paris("2020-12-31T23:59:59.999999"), false))
                .isEqualTo(Phase.DUE_FOR_DELETION);
        assertThat(CaseFilePhase.of(Retention.at(paris("2025-12-31T23:59:59"), RetentionPolicy.DEFAULT), paris("2020-12-31T23:59:59"), false))
                .isEqualTo(Phase.ARCHIVED);
    }

    @Test
    void a_held_case_file_is_active_whatever_its_last_activity() {
        Retention retention = Retention.at(paris("2026-06-15T12:00:00"), RetentionPolicy.DEFAULT);

        assertThat(CaseFilePhase.of(retention, paris("2024-12-31T23:59:59"), true)).isEqualTo(Phase.ACTIVE);
        assertThat(CaseFilePhase.of(retention, paris("2012-03-01T10:00:00"), true)).isEqualTo(Phase.ACTIVE);
        assertThat(CaseFilePhase.readOnly(Phase.ACTIVE)).isFalse();
        assertThat(CaseFilePhase.readOnly(Phase.ARCHIVED)).isTrue();
        assertThat(CaseFilePhase.readOnly(Phase.DUE_FOR_DELETION)).isTrue();
    }

    @Test
    void the_banner_dates_follow_the_year_of_the_last_activity_in_paris() {
        // 31 December 2024 at 23:30 in Paris is still 2024 there (22:30 UTC).
        Instant lastActivity = paris("2024-12-31T23:30:00");

        assertThat(Retention.on(LocalDate.of(2026, 6, 15), RetentionPolicy.DEFAULT).archivedOn(lastActivity)).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(Retention.on(LocalDate.of(2026, 6, 15), RetentionPolicy.DEFAULT).dueForDeletionOn(lastActivity)).isEqualTo(LocalDate.of(2030, 1, 1));
        assertThat(Retention.on(LocalDate.of(2026, 6, 15), RetentionPolicy.DEFAULT).archivedOn(paris("2025-01-01T00:30:00"))).isEqualTo(LocalDate.of(2027, 1, 1));
        // Consistent with the phase: archived from that day on, due for deletion from that one.
        assertThat(Retention.at(paris("2025-12-31T23:59:59"), RetentionPolicy.DEFAULT).phase(lastActivity)).isEqualTo(Phase.ACTIVE);
        assertThat(Retention.at(paris("2026-01-01T00:00:00"), RetentionPolicy.DEFAULT).phase(lastActivity)).isEqualTo(Phase.ARCHIVED);
        assertThat(Retention.at(paris("2029-12-31T23:59:59"), RetentionPolicy.DEFAULT).phase(lastActivity)).isEqualTo(Phase.ARCHIVED);
        assertThat(Retention.at(paris("2030-01-01T00:00:00"), RetentionPolicy.DEFAULT).phase(lastActivity)).isEqualTo(Phase.DUE_FOR_DELETION);
    }
}
