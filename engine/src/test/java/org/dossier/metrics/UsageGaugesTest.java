package org.dossier.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The usage gauges read the stored figures at most once a minute, and never fail a scrape. */
class UsageGaugesTest {

    @Test
    void a_database_that_does_not_answer_leaves_the_scrape_answering_and_is_not_asked_again_within_the_minute() {
        AtomicInteger attempts = new AtomicInteger();
        Jdbi down = Jdbi.create(() -> {
            attempts.incrementAndGet();
            throw new SQLException("database down");
        });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UsageGauges gauges = new UsageGauges(registry, new UsageMeter(down, Clock.systemUTC()), Clock.systemUTC());

        assertThatCode(gauges::refresh).doesNotThrowAnyException();
        assertThatCode(gauges::refresh).doesNotThrowAnyException();

        assertThat(attempts).hasValue(1);
        assertThat(registry.find("dossier.service.case_files").gauges()).isEmpty();
    }
}
