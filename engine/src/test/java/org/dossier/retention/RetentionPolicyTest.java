package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.dossier.retention.Retention.Phase;
import org.junit.jupiter.api.Test;

/** The one rule under a service's own policy: the year boundaries move with it, in Paris time; the bounds hold. */
class RetentionPolicyTest {
    /** Child protection, say: three active years, kept up to N-25. */
    private static final RetentionPolicy CHILD_PROTECTION = new RetentionPolicy(3, 25);

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Retention.ZONE).toInstant();
    }

    @Test
    void with_three_active_years_a_case_file_leaves_them_at_midnight_on_1_january_of_n_plus_3_in_paris() {
        Instant lastActivity = paris("2024-12-31T23:30:00"); // 22:30 UTC: still 2024 in Paris

        assertThat(Retention.at(paris("2026-12-31T23:59:59.999999"), CHILD_PROTECTION).phase(lastActivity))
                .isEqualTo(Phase.ACTIVE);
        assertThat(Retention.at(Instant.parse("2026-12-31T22:59:59Z"), CHILD_PROTECTION).phase(lastActivity))
                .isEqualTo(Phase.ACTIVE);
        // 23:00 UTC on 31 December 2026 is midnight, 1 January 2027, in Paris.
        assertThat(Retention.at(Instant.parse("2026-12-31T23:00:00Z"), CHILD_PROTECTION).phase(lastActivity))
                .isEqualTo(Phase.ARCHIVED);
        // The platform's default would have archived it a year earlier.
        assertThat(Retention.at(Instant.parse("2025-12-31T23:00:00Z"), RetentionPolicy.DEFAULT).phase(lastActivity))
                .isEqualTo(Phase.ARCHIVED);
        assertThat(Retention.at(Instant.parse("2025-12-31T23:00:00Z"), CHILD_PROTECTION).phase(lastActivity))
                .isEqualTo(Phase.ACTIVE);
    }

    @Test
    void with_twenty_five_kept_years_it_is_due_for_deletion_on_1_january_of_n_plus_26_in_paris() {
        Instant lastActivity = paris("2024-12-31T23:30:00");
        Retention lastDayKept = Retention.at(paris("2049-12-31T23:59:59"), CHILD_PROTECTION);
        Retention firstDayDue = Retention.at(paris("2050-01-01T00:00:00"), CHILD_PROTECTION);

        assertThat(lastDayKept.phase(lastActivity)).isEqualTo(Phase.ARCHIVED);
        assertThat(firstDayDue.phase(lastActivity)).isEqualTo(Phase.DUE_FOR_DELETION);
        assertThat(firstDayDue.keptSince()).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
        assertThat(firstDayDue.activeSince()).isEqualTo(Instant.parse("2047-12-31T23:00:00Z"));
    }

    @Test
    void the_archive_and_deletion_days_follow_the_policy() {
        Instant lastActivity = paris("2024-12-31T23:30:00");

        assertThat(Retention.on(LocalDate.of(2025, 3, 1), CHILD_PROTECTION).archivedOn(lastActivity))
                .isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(Retention.on(LocalDate.of(2025, 3, 1), CHILD_PROTECTION).dueForDeletionOn(lastActivity))
                .isEqualTo(LocalDate.of(2050, 1, 1));
        assertThat(Retention.on(LocalDate.of(2025, 3, 1), new RetentionPolicy(1, 1)).archivedOn(lastActivity))
                .isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(Retention.on(LocalDate.of(2025, 3, 1), new RetentionPolicy(1, 1)).dueForDeletionOn(lastActivity))
                .isEqualTo(LocalDate.of(2026, 1, 1));
        // Due by a day: last active before 1 January of that day's year minus the kept years.
        assertThat(Retention.on(LocalDate.of(2049, 11, 1), CHILD_PROTECTION).dueBy(LocalDate.of(2050, 1, 30)))
                .isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
    }

    @Test
    void the_default_is_the_plans_two_active_years_kept_to_n_minus_5() {
        assertThat(RetentionPolicy.DEFAULT).isEqualTo(new RetentionPolicy(2, 5));
        assertThat(RetentionPolicy.DEFAULT.archivedYears()).isEqualTo(4);
        assertThat(RetentionPolicy.DEFAULT.isDefault()).isTrue();
        assertThat(CHILD_PROTECTION.isDefault()).isFalse();
    }

    @Test
    void a_policy_outside_the_bounds_cannot_exist() {
        for (int[] refused : new int[][] {{0, 5}, {6, 10}, {3, 2}, {2, 31}, {-1, 5}, {1, 0}}) {
            assertThatThrownBy(() -> new RetentionPolicy(refused[0], refused[1]))
                    .as("%d active, %d kept", refused[0], refused[1])
                    .isInstanceOf(RetentionOutOfBoundsException.class)
                    .hasFieldOrPropertyWithValue("code", "retentionOutOfBounds")
                    .hasFieldOrPropertyWithValue("status", 422);
        }
        assertThat(new RetentionPolicy(1, 1).archivedYears()).isEqualTo(1);
        assertThat(new RetentionPolicy(5, 30).keptYears()).isEqualTo(30);
    }
}
