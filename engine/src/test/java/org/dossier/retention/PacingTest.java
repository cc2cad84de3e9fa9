package org.dossier.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pass's rest after a batch: a share of the batch's time, capped; none when switched off. */
class PacingTest {

    private static long restedMillis(Pacing pacing, Duration work) {
        long start = System.nanoTime();
        pacing.rest(work.toNanos());
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void a_batch_is_followed_by_a_rest_in_proportion_to_its_time_capped() {
        assertThat(restedMillis(new Pacing(0.5), Duration.ofMillis(400))).isBetween(195L, 600L);
        assertThat(restedMillis(new Pacing(10), Duration.ofSeconds(1))).isBetween(1_990L, 2_600L);
        assertThat(restedMillis(Pacing.NONE, Duration.ofSeconds(5))).isLessThan(50L);
    }

    @Test
    void a_negative_or_absurd_rest_is_refused() {
        assertThatThrownBy(() -> new Pacing(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacing(11)).isInstanceOf(IllegalArgumentException.class);
    }
}
