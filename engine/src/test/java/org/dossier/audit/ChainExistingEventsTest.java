package org.dossier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.dossier.Services;
import org.dossier.ids.Uuids;
import org.dossier.testing.TestDatabase;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Migration 18.1 chains the events written before the chain, in the order they happened, once. */
@Tag("integration")
class ChainExistingEventsTest {

    @Test
    void events_written_before_the_chain_are_chained_in_time_order_and_a_second_run_changes_nothing() throws Exception {
        Services services = TestDatabase.services();
        long tenantId = 800_000_000L + ProcessHandle.current().pid();
        Instant base = Instant.parse("2024-05-01T08:00:00.123456Z");
        // Written out of time order, as rows of several nodes are, and without any chain column.
        for (int minutes : List.of(30, 10, 20, 0, 40)) {
            services.jdbi().useHandle(handle -> handle.createUpdate("""
                            INSERT INTO audit_events (tenant_id, id, occurred_at, actor, action, target_type, target_id,
                                                      client_address, details)
                            VALUES (:t, :id, :at, 'old@test.example', 'record.updated', 'record', :target, '192.0.2.9',
                                    '{"version": 3, "form": "dossier"}')
                            """).bind("t", tenantId).bind("id", Uuids.v7()).bind("at", base.plusSeconds(60L * minutes))
                    .bind("target", "m" + minutes).execute());
        }
        ChainVerifier verifier = new ChainVerifier(services.jdbi());
        assertThat(verifier.verify(tenantId, "").firstBreak()).get()
                .extracting(ChainVerifier.Break::kind).isEqualTo(ChainVerifier.Tampering.INSERTED);

        migrate(services);

        ChainVerifier.Report chained = verifier.verify(tenantId, "");
        assertThat(chained.firstBreak()).isEmpty();
        assertThat(chained.length()).isEqualTo(5);
        List<String> order = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT target_id FROM audit_events WHERE tenant_id = :t ORDER BY seq")
                .bind("t", tenantId).mapTo(String.class).list());
        assertThat(order).containsExactly("m0", "m10", "m20", "m30", "m40");
        List<byte[]> hashes = hashes(services, tenantId);

        migrate(services);

        assertThat(hashes(services, tenantId)).containsExactlyElementsOf(hashes);
        assertThat(verifier.verify(tenantId, "").length()).isEqualTo(5);
        // The application appends after the migrated events.
        services.jdbi().useTransaction(handle -> new AuditEventDao(handle).insert(new org.dossier.tenant.TenantId(tenantId),
                Uuids.v7(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), Actor.system("test"),
                "record.viewed", "record", "new", null));
        assertThat(verifier.verify(tenantId, "")).satisfies(report -> {
            assertThat(report.firstBreak()).isEmpty();
            assertThat(report.length()).isEqualTo(6);
        });
    }

    private static List<byte[]> hashes(Services services, long tenantId) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT hash FROM audit_events WHERE tenant_id = :t ORDER BY seq")
                .bind("t", tenantId).mapTo(byte[].class).list());
    }

    private static void migrate(Services services) throws Exception {
        try (Connection connection = TestDatabase.database().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            new ChainExistingEvents().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
            connection.commit();
        }
    }
}
