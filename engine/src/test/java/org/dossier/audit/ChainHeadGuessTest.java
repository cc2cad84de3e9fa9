package org.dossier.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.dossier.Services;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node appends an event after the head it last saw with one statement, the head's conditional
 * update (its trigger inserts the event), and falls back to the locking read whenever that head
 * moved since: the chain comes out whole either way, in a transaction or in autocommit.
 */
@Tag("integration")
class ChainHeadGuessTest {
    private static Services first;
    private static Services second;
    private static ChainVerifier verifier;

    @BeforeAll
    static void nodes() {
        first = TestDatabase.services();
        second = TestDatabase.secondNode();
        verifier = new ChainVerifier(first.jdbi());
    }

    @Test
    void an_event_after_one_of_the_same_node_is_appended_by_one_statement() {
        Tenant tenant = TestTenants.withBaseForm(first, "guess-hit");
        record(first, tenant, "a");

        List<String> statements = recordLogged(first, tenant, "b", true);

        assertThat(statements).singleElement().asString().contains("UPDATE audit_chain_heads").doesNotContain("FOR UPDATE");
        assertWhole(tenant, 2);
        assertThat(lastTarget(tenant)).isEqualTo("b");
    }

    @Test
    void in_autocommit_the_one_statement_needs_no_transaction() {
        Tenant tenant = TestTenants.withBaseForm(first, "guess-autocommit");
        record(first, tenant, "a");

        List<String> statements = recordLogged(first, tenant, "b", false);

        assertThat(statements).singleElement().asString().contains("UPDATE audit_chain_heads");
        assertWhole(tenant, 2);
    }

    @Test
    void a_head_moved_by_another_node_is_locked_and_read_again() {
        Tenant tenant = TestTenants.withBaseForm(first, "guess-stale");
        record(first, tenant, "a");
        record(second, tenant, "b");

        List<String> statements = recordLogged(first, tenant, "c", true);

        assertThat(statements).hasSize(3).anyMatch(sql -> sql.contains("FOR UPDATE"));
        assertWhole(tenant, 3);
        assertThat(recordLogged(first, tenant, "d", false)).singleElement().asString().doesNotContain("FOR UPDATE");
        assertWhole(tenant, 4);
        record(second, tenant, "e");
        assertThat(recordLogged(first, tenant, "f", false)).as("stale in autocommit: a transaction for the locking read")
                .anyMatch(sql -> sql.contains("FOR UPDATE"));
        assertWhole(tenant, 6);
        assertThat(lastTarget(tenant)).isEqualTo("f");
    }

    @Test
    void concurrent_reads_of_one_node_take_turns_and_each_appends_by_one_statement() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(first, "guess-turns");
        record(first, tenant, "a");
        int threads = 8;
        int eventsEach = 25;
        List<String> statements = concurrently(threads, eventsEach, () -> recordLogged(first, tenant, "read", false));

        assertThat(statements.stream().filter(sql -> sql.contains("FOR UPDATE")).count())
                .as("reads that fell back to the locking read").isZero();
        assertThat(statements).hasSize(threads * eventsEach);
        assertWhole(tenant, 1 + threads * eventsEach);
    }

    @Test
    void concurrent_saves_of_one_node_take_turns_and_each_appends_by_one_statement() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(first, "guess-save-turns");
        record(first, tenant, "a");
        int threads = 8;
        int savesEach = 25;
        List<String> statements = concurrently(threads, savesEach, () -> saveLogged(first, tenant, "save"));

        assertThat(statements.stream().filter(sql -> sql.contains("FOR UPDATE")).count())
                .as("saves that fell back to the locking read").isZero();
        assertThat(statements.stream().filter(sql -> sql.contains("UPDATE audit_chain_heads")).count())
                .as("head updates, one a save").isEqualTo(threads * savesEach);
        assertWhole(tenant, 1 + threads * savesEach);
    }

    @Test
    void an_event_rolled_back_leaves_no_gap_in_the_chain() {
        Tenant tenant = TestTenants.withBaseForm(first, "guess-rollback");
        record(first, tenant, "a");
        assertThatThrownBy(() -> first.jdbi().useTransaction(handle -> {
            first.audit().record(handle, tenant.id(), Actor.system("test"), "record.updated", "record", "gone", null);
            throw new IllegalStateException("the save fails after its audit event");
        })).isInstanceOf(IllegalStateException.class);

        record(first, tenant, "b");
        record(second, tenant, "c");
        record(first, tenant, "d");

        assertWhole(tenant, 4);
    }

    private static void record(Services node, Tenant tenant, String target) {
        node.jdbi().useTransaction(handle -> node.audit().record(handle, tenant.id(), Actor.system("test"),
                "record.updated", "record", target, null));
    }

    /** Records one event, in a transaction or on a plain handle, and returns every statement it ran. */
    private static List<String> recordLogged(Services node, Tenant tenant, String target, boolean inTransaction) {
        return logged(node, handle -> {
            if (inTransaction) {
                handle.useTransaction(transaction -> node.audit().record(transaction, tenant.id(), Actor.system("test"),
                        "record.updated", "record", target, null));
            } else {
                node.audit().record(handle, tenant.id(), Actor.system("test"), "record.updated", "record", target, null);
            }
        });
    }

    /** Runs {@code work} on a handle of {@code node} and returns every statement it ran. */
    private static List<String> logged(Services node, java.util.function.Consumer<Handle> work) {
        List<String> statements = new ArrayList<>();
        try (Handle handle = node.jdbi().open()) {
            handle.getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext context) {
                    statements.add(context.getRenderedSql());
                }
            });
            work.accept(handle);
        }
        return statements;
    }

    /** {@code threads} threads started together, each calling {@code run} {@code times} times: every statement run. */
    private static List<String> concurrently(int threads, int times, java.util.concurrent.Callable<List<String>> run)
            throws Exception {
        List<String> statements = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < times; i++) {
                        statements.addAll(run.call());
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return statements;
    }

    /**
     * A save's transaction as the engine makes it: a statement of its own, then its audit event,
     * then the commit. @return every statement it ran
     */
    private static List<String> saveLogged(Services node, Tenant tenant, String target) {
        return logged(node, handle -> handle.useTransaction(transaction -> {
            transaction.createQuery("SELECT COUNT(*) FROM records WHERE tenant_id = :tenantId")
                    .bind("tenantId", tenant.id()).mapTo(Long.class).one();
            node.audit().record(transaction, tenant.id(), Actor.system("test"), "record.updated", "record",
                    target, null);
        }));
    }

    /** The target of the chain's last event. */
    private static String lastTarget(Tenant tenant) {
        return first.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT target_id FROM audit_events WHERE tenant_id = :t ORDER BY seq DESC LIMIT 1")
                .bind("t", tenant.id()).mapTo(String.class).one());
    }

    /** The chain verifies, with exactly {@code length} events, and as many rows. */
    private static void assertWhole(Tenant tenant, long length) {
        ChainVerifier.Report report = verifier.verify(tenant.id().value(), tenant.slug());
        assertThat(report.firstBreak()).isEmpty();
        long creationEvents = first.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action <> 'record.updated'")
                .bind("t", tenant.id()).mapTo(Long.class).one());
        assertThat(report.length()).isEqualTo(creationEvents + length);
    }
}
