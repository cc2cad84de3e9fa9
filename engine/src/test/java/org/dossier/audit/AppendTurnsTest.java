package org.dossier.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dossier.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The turns of a node's appends: one writer of a chain at a time, but never a wait for a
 * transaction that already holds the chain's head (it would wait for a writer waiting for it), and
 * what a transaction holds is forgotten when it ends.
 */
@Tag("integration")
class AppendTurnsTest {
    /** Long enough that an append waiting for its turn is noticed, never reached when none does. */
    private static final long LONG_WAIT_MILLIS = 60_000;
    private static final long CHAIN = 4242;
    private static Jdbi jdbi;

    @BeforeAll
    static void database() {
        jdbi = TestDatabase.services().jdbi();
    }

    @Test
    void a_transaction_that_appended_to_a_chain_appends_again_without_waiting_for_the_turn() throws Exception {
        AppendTurns turns = new AppendTurns(LONG_WAIT_MILLIS);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Handle handle = jdbi.open()) {
            handle.begin();
            turns.take(handle, CHAIN, () -> { });
            assertThat(turns.holds(handle, CHAIN)).isTrue();

            // Another writer takes the turn and, as it would in the database, waits for this transaction.
            CountDownLatch transactionEnded = new CountDownLatch(1);
            Future<?> waiting = holdTurn(turns, other, transactionEnded);

            AtomicInteger appended = new AtomicInteger();
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> turns.take(handle, CHAIN, appended::incrementAndGet),
                    "the second append of a transaction waited for a turn held by a writer waiting for it");
            assertThat(appended).hasValue(1);

            handle.commit();
            assertThat(turns.holds(handle, CHAIN)).as("forgotten once committed").isFalse();
            transactionEnded.countDown();
            waiting.get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void a_writer_waits_for_the_turn_of_another_and_a_rollback_or_a_closed_handle_forgets_the_head() throws Exception {
        AppendTurns turns = new AppendTurns(LONG_WAIT_MILLIS);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Handle handle = jdbi.open()) {
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = holdTurn(turns, other, release);
            handle.begin();
            CountDownLatch appended = new CountDownLatch(1);
            Thread writer = new Thread(() -> turns.take(handle, CHAIN, appended::countDown));
            writer.start();
            assertThat(appended.await(300, TimeUnit.MILLISECONDS)).as("appended while another had the turn").isFalse();
            release.countDown();
            assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
            writer.join();
            holder.get(10, TimeUnit.SECONDS);
            assertThat(turns.holds(handle, CHAIN)).isTrue();
            handle.rollback();
            assertThat(turns.holds(handle, CHAIN)).as("forgotten once rolled back").isFalse();

            handle.begin();
            turns.take(handle, CHAIN, () -> { });
            assertThat(turns.holds(handle, CHAIN)).isTrue();
            handle.rollback();
        } finally {
            other.shutdownNow();
        }
        try (Handle handle = jdbi.open()) {
            // Closed in its transaction, not rolled back by JDBI: the pool ends the transaction.
            handle.getConfig(Handles.class).setForceEndTransactions(false);
            handle.begin();
            turns.take(handle, CHAIN, () -> { });
            handle.close();
            assertThat(turns.holds(handle, CHAIN)).as("forgotten once its handle closed").isFalse();
        }
    }

    @Test
    void outside_a_transaction_nothing_is_held() {
        AppendTurns turns = new AppendTurns(LONG_WAIT_MILLIS);
        try (Handle handle = jdbi.open()) {
            turns.take(handle, CHAIN, () -> { });
            assertThat(turns.holds(handle, CHAIN)).isFalse();
        }
    }

    /** Another writer, on {@code thread}, takes the chain's turn and keeps it until {@code release}; returns once it has it. */
    private static Future<?> holdTurn(AppendTurns turns, ExecutorService thread, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch taken = new CountDownLatch(1);
        Future<?> holder = thread.submit(() -> {
            try (Handle otherHandle = jdbi.open()) {
                turns.take(otherHandle, CHAIN, () -> {
                    taken.countDown();
                    await(release);
                });
            }
        });
        assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
