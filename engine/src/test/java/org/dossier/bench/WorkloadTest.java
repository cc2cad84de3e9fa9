package org.dossier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void wrong_answers_are_counted_as_errors_and_never_timed() throws InterruptedException {
        Latencies latencies = Workload.run("always refused", 2, 0.0, 0.2, (thread, iteration) -> {
            Thread.sleep(1);
            throw new IllegalStateException("GET /t/x/records/new answered 303, expected 200");
        });

        assertThat(latencies.nanos()).isEmpty();
        assertThat(latencies.throughput()).isZero();
        assertThat(latencies.errors()).isPositive();
        assertThat(latencies.firstError()).hasValue("IllegalStateException: GET /t/x/records/new answered 303, expected 200");
    }

    @Test
    void only_right_answers_are_timed_when_some_fail() throws InterruptedException {
        Latencies latencies = Workload.run("every other refused", 1, 0.0, 0.2, (thread, iteration) -> {
            Thread.sleep(1);
            if (iteration % 2 == 1) {
                throw new IllegalStateException("answered 401, expected 201");
            }
        });

        // One thread alternates, so rights and wrongs differ by at most the one cut off by the window.
        assertThat(latencies.nanos()).isNotEmpty();
        assertThat(Math.abs(latencies.nanos().length - latencies.errors())).isLessThanOrEqualTo(1);
        assertThat(latencies.firstError()).hasValue("IllegalStateException: answered 401, expected 201");
    }

    @Test
    void a_run_of_right_answers_has_no_error() throws InterruptedException {
        Latencies latencies = Workload.run("always right", 2, 0.0, 0.1, (thread, iteration) -> Thread.sleep(1));

        assertThat(latencies.nanos()).isNotEmpty();
        assertThat(latencies.errors()).isZero();
        assertThat(latencies.firstError()).isEmpty();
    }
}
