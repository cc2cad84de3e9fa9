package org.dossier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dossier.Services;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many threads on two application nodes (two connection pools, two object graphs) write to the
 * same services and to the platform log at once, in transactions or on plain handles in autocommit:
 * each chain still comes out as one, whole.
 */
@Tag("integration")
class ConcurrentChainTest {
    private static final int THREADS = 16;
    private static final int EVENTS_PER_THREAD = 40;

    @Test
    void concurrent_writers_on_two_nodes_build_one_valid_chain_per_service() throws Exception {
        Services first = TestDatabase.services();
        Services second = TestDatabase.secondNode();
        Tenant busy = TestTenants.withBaseForm(first, "chain-busy");
        Tenant quiet = TestTenants.withBaseForm(first, "chain-quiet");
        ChainVerifier verifier = new ChainVerifier(first.jdbi());
        long busyBefore = verifier.verify(busy.id().value(), busy.slug()).length();
        long quietBefore = verifier.verify(quiet.id().value(), quiet.slug()).length();
        ChainVerifier.Report platformBefore = verifier.verify(AuditLog.PLATFORM_TENANT, "");

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            Services node = thread % 2 == 0 ? first : second;
            int number = thread;
            writers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                    Actor actor = new Actor("writer" + number + "@test.example", "192.0.2." + number);
                    if (number % 4 == 2) {
                        // A read that audits itself on a plain handle, in autocommit: the log opens
                        // the transaction its chain step needs.
                        node.jdbi().useHandle(handle ->
                                node.audit().record(handle, busy.id(), actor, "record.read", "record", "r" + number, null));
                        continue;
                    }
                    // A transaction that writes to the service's chain and, sometimes, to another's.
                    node.jdbi().useTransaction(handle -> {
                        node.audit().record(handle, busy.id(), actor, "record.updated", "record", "r" + number, null);
                        if (number % 4 == 0) {
                            node.audit().record(handle, quiet.id(), actor, "record.viewed", "record", "q" + number, null);
                        }
                    });
                    if (number % 4 == 1) {
                        node.jdbi().useTransaction(handle ->
                                node.audit().recordPlatform(handle, actor, "login.succeeded", "user", "u" + number, null));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();

        ChainVerifier.Report busyAfter = verifier.verify(busy.id().value(), busy.slug());
        assertThat(busyAfter.firstBreak()).isEmpty();
        assertThat(busyAfter.length()).isEqualTo(busyBefore + THREADS * EVENTS_PER_THREAD);
        assertThat(count(first, busy)).isEqualTo(busyAfter.length());
        ChainVerifier.Report quietAfter = verifier.verify(quiet.id().value(), quiet.slug());
        assertThat(quietAfter.firstBreak()).isEmpty();
        assertThat(quietAfter.length()).isEqualTo(quietBefore + (THREADS / 4) * EVENTS_PER_THREAD);
        ChainVerifier.Report platformAfter = verifier.verify(AuditLog.PLATFORM_TENANT, "");
        assertThat(platformAfter.length()).isGreaterThanOrEqualTo(platformBefore.length() + (THREADS / 4) * EVENTS_PER_THREAD);
        assertThat(platformAfter.firstBreak()).isEqualTo(platformBefore.firstBreak());
    }

    private static long count(Services services, Tenant tenant) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t")
                .bind("t", tenant.id()).mapTo(Long.class).one());
    }
}
