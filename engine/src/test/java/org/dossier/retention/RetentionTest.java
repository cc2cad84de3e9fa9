package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.dossier.retention.Retention.Phase;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private final Retention in2025 = Retention.on(LocalDate.of(2025, 6, 15), RetentionPolicy.DEFAULT);

    @Test
    void the_current_and_previous_years_are_active_from_1_january_of_n_minus_1_in_paris() {
        assertThat(in2025.activeSince()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
        assertThat(in2025.phase(Instant.parse("2023-12-31T23:00:00Z"))).isEqualTo(Phase.ACTIVE);
        assertThat(in2025.phase(Instant.parse("2025-06-15T08:00:00Z"))).isEqualTo(Phase.ACTIVE);
    }

    @Test
    void n_minus_2_to_n_minus_5_are_archived_and_earlier_is_due_for_deletion() {
        assertThat(in2025.phase(Instant.parse("2023-12-31T22:59:59Z"))).as("31 Dec 2023, 23:59:59 in Paris")
                .isEqualTo(Phase.ARCHIVED);
        assertThat(in2025.keptSince()).isEqualTo(Instant.parse("2019-12-31T23:00:00Z"));
        assertThat(in2025.phase(Instant.parse("2020-01-01T00:00:00Z"))).isEqualTo(Phase.ARCHIVED);
        assertThat(in2025.phase(Instant.parse("2019-12-31T22:59:59Z"))).isEqualTo(Phase.DUE_FOR_DELETION);
    }

    @Test
    void the_years_move_on_at_midnight_in_paris_not_in_utc() {
        // 23:30 UTC on 31 December 2025 is already 2026 in Paris: 2025 is then the previous year, and 2024 archived.
        Retention newYear = Retention.at(Instant.parse("2025-12-31T23:30:00Z"), RetentionPolicy.DEFAULT);

        assertThat(newYear.today()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(newYear.phase(Instant.parse("2025-01-01T10:00:00Z"))).isEqualTo(Phase.ACTIVE);
        assertThat(newYear.phase(Instant.parse("2024-12-01T10:00:00Z"))).isEqualTo(Phase.ARCHIVED);
    }
}
