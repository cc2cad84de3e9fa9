package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code DOSSIER_LIFECYCLE_AT}: 02:30 by default, any HH:mm, {@code off}; anything else stops the start. */
class LifecycleScheduleTest {

    @Test
    void unset_is_half_past_two_a_time_is_taken_and_off_switches_it_off() {
        assertThat(LifecycleSchedule.parse(null).at()).contains(LocalTime.of(2, 30));
        assertThat(LifecycleSchedule.parse(" ").at()).contains(LocalTime.of(2, 30));
        assertThat(LifecycleSchedule.parse("23:05").at()).contains(LocalTime.of(23, 5));
        assertThat(LifecycleSchedule.parse("OFF").at()).isEqualTo(Optional.empty());
    }

    @Test
    void a_malformed_time_is_refused_with_what_is_expected() {
        assertThatThrownBy(() -> LifecycleSchedule.parse("2h30")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HH:mm").hasMessageContaining("off");
    }
}
