package org.dossier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up's end: the compiler settled, or the bound reached. */
class JitSettleTest {

    @Test
    void settled_is_under_two_percent_of_a_core() {
        assertThat(JitSettle.settled(39, 2_000)).isTrue();
        assertThat(JitSettle.settled(40, 2_000)).isFalse();
        assertThat(JitSettle.settled(0, 2_000)).isTrue();
    }

    @Test
    void the_warm_up_goes_on_while_the_compiler_works_and_ends_once_it_rests() throws InterruptedException {
        // A compiler busy for its first five readings (50 ms each within a 20 ms window), then idle.
        AtomicLong readings = new AtomicLong();
        AtomicLong compiled = new AtomicLong();
        JitSettle.Warmed warmed = JitSettle.await(0.01, () -> readings.incrementAndGet() <= 5
                ? compiled.addAndGet(50) : compiled.get(), 20, 10_000);

        assertThat(warmed.settled()).isTrue();
        assertThat(readings.get()).isGreaterThanOrEqualTo(6);
        assertThat(warmed.seconds()).isGreaterThanOrEqualTo(0.01 + 3 * 0.02).isLessThan(5.0);
        assertThat(warmed.compileMillis()).isEqualTo(compiled.get());
    }

    @Test
    void a_compiler_that_never_rests_ends_the_warm_up_at_its_bound_unsettled() throws InterruptedException {
        AtomicLong compiled = new AtomicLong();
        JitSettle.Warmed warmed = JitSettle.await(0.01, () -> compiled.addAndGet(100), 20, 200);

        assertThat(warmed.settled()).isFalse();
        assertThat(warmed.seconds()).isGreaterThanOrEqualTo(0.2).isLessThan(5.0);
    }

    @Test
    void a_run_without_warm_up_is_reported_cold() throws InterruptedException {
        Latencies latencies = Workload.run("cold", 1, 0.0, 0.1, (thread, iteration) -> Thread.sleep(1));

        assertThat(latencies.warmup().seconds()).isZero();
        assertThat(latencies.warmup().settled()).isFalse();
        assertThat(latencies.toMap()).containsEntry("warmupSeconds", 0.0).containsEntry("jitSettled", false)
                .containsKey("jitMillisInWindow");
        assertThat(latencies.line()).contains(" 0* ");
    }
}
