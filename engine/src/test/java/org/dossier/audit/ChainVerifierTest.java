package org.dossier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dossier.Services;
import org.dossier.audit.ChainVerifier.Break;
import org.dossier.audit.ChainVerifier.Report;
import org.dossier.audit.ChainVerifier.Tampering;
import org.dossier.ids.Uuids;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each kind of tampering done by SQL (an edited, a deleted, an inserted, a moved event) is found
 * by verification at the event where it happened; the chain written by the application verifies.
 */
@Tag("integration")
class ChainVerifierTest {
    private static final int EVENTS = 12;
    private Services services;
    private ChainVerifier verifier;
    private Tenant tenant;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        verifier = new ChainVerifier(services.jdbi());
        tenant = TestTenants.withBaseForm(services, "chain");
        for (int i = 1; i <= EVENTS; i++) {
            ObjectNode details = services.mapper().createObjectNode().put("form", "dossier").put("version", i)
                    .put("note", "Événement n° " + i);
            services.jdbi().useTransaction(handle -> services.audit().record(handle, tenant.id(),
                    new Actor("chain@test.example", "192.0.2.1"), "record.updated", "record", UUID.randomUUID().toString(),
                    details));
        }
    }

    private long tenantId() {
        return tenant.id().value();
    }

    private Report verify() {
        return verifier.verify(tenantId(), tenant.slug());
    }

    /** The id of the event at a place of the chain. */
    private UUID eventAt(long seq) {
        return AuditRedaction.uuid(services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM audit_events WHERE tenant_id = :t AND seq = :seq")
                .bind("t", tenantId()).bind("seq", seq).mapTo(byte[].class).one()));
    }

    private void sql(String statement, long seq) {
        services.jdbi().useHandle(handle -> handle.createUpdate(statement).bind("t", tenantId()).bind("seq", seq).execute());
    }

    @Test
    void the_chain_the_application_writes_verifies_with_its_length() {
        Report report = verify();

        assertThat(report.firstBreak()).isEmpty();
        assertThat(report.length()).isGreaterThanOrEqualTo(EVENTS);
        assertThat(report.redacted()).isZero();
    }

    @Test
    void details_edited_by_sql_are_reported_at_the_edited_event() {
        long seq = verify().length() - 5;
        UUID edited = eventAt(seq);
        sql("UPDATE audit_events SET details = JSON_SET(details, '$.version', 99) WHERE tenant_id = :t AND seq = :seq", seq);

        assertThat(verify().firstBreak()).get().satisfies(broken -> {
            assertThat(broken.kind()).isEqualTo(Tampering.EDITED);
            assertThat(broken.position()).isEqualTo(seq);
            assertThat(broken.eventId()).contains(edited);
        });
    }

    @Test
    void an_actor_or_a_time_edited_by_sql_is_reported_too() {
        long seq = verify().length() - 3;
        sql("UPDATE audit_events SET occurred_at = occurred_at - INTERVAL 1 SECOND WHERE tenant_id = :t AND seq = :seq", seq);
        sql("UPDATE audit_events SET actor = 'someone@else.example' WHERE tenant_id = :t AND seq = :seq + 1", seq);

        assertThat(verify().firstBreak()).get().extracting(Break::kind, Break::position)
                .containsExactly(Tampering.EDITED, seq);
    }

    @Test
    void a_deleted_event_is_reported_at_its_place_and_one_deleted_at_the_end_too() {
        long length = verify().length();
        long seq = length - 6;
        UUID next = eventAt(seq + 1);
        sql("DELETE FROM audit_events WHERE tenant_id = :t AND seq = :seq", seq);

        assertThat(verify().firstBreak()).get().satisfies(broken -> {
            assertThat(broken.kind()).isEqualTo(Tampering.DELETED);
            assertThat(broken.position()).isEqualTo(seq);
            assertThat(broken.eventId()).as("the event found where the deleted one was").contains(next);
        });

        Tenant other = TestTenants.withBaseForm(services, "chain-end");
        services.jdbi().useTransaction(handle -> services.audit().record(handle, other.id(), Actor.system("test"),
                "record.created", "record", "a", null));
        services.jdbi().useTransaction(handle -> services.audit().record(handle, other.id(), Actor.system("test"),
                "record.created", "record", "b", null));
        long last = verifier.verify(other.id().value(), other.slug()).length();
        services.jdbi().useHandle(handle -> handle.createUpdate("DELETE FROM audit_events WHERE tenant_id = :t AND seq = :seq")
                .bind("t", other.id().value()).bind("seq", last).execute());
        assertThat(verifier.verify(other.id().value(), other.slug()).firstBreak()).get()
                .extracting(Break::kind, Break::position, Break::eventId)
                .containsExactly(Tampering.DELETED, last, Optional.empty());
    }

    @Test
    void a_row_inserted_by_sql_is_reported_as_inserted_with_its_id() {
        UUID forged = Uuids.v7();
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_events (tenant_id, id, occurred_at, actor, action, target_type, target_id)
                        VALUES (:t, :id, NOW(6), 'forger@test.example', 'record.viewed', 'record', 'x')
                        """).bind("t", tenantId()).bind("id", forged).execute());

        assertThat(verify().firstBreak()).get().satisfies(broken -> {
            assertThat(broken.kind()).isEqualTo(Tampering.INSERTED);
            assertThat(broken.eventId()).contains(forged);
            assertThat(broken.action()).contains("record.viewed");
        });
    }

    @Test
    void a_row_inserted_into_the_sequence_with_a_made_up_link_is_reported_as_inserted() {
        long length = verify().length();
        // Room for the forged event: the events from seq 5 on move one place up, as a forger would do.
        services.jdbi().useHandle(handle -> {
            handle.createUpdate("UPDATE audit_events SET seq = seq + 1000000 WHERE tenant_id = :t AND seq >= 5")
                    .bind("t", tenantId()).execute();
            handle.createUpdate("UPDATE audit_events SET seq = seq - 999999 WHERE tenant_id = :t AND seq >= 1000000")
                    .bind("t", tenantId()).execute();
            handle.createUpdate("UPDATE audit_chain_heads SET seq = seq + 1 WHERE tenant_id = :t").bind("t", tenantId()).execute();
        });
        UUID forged = Uuids.v7();
        java.time.Instant at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        ChainedEvent event = new ChainedEvent(tenantId(), forged, at, "forger@test.example", "record.viewed", "record",
                "x", null, null);
        ChainSeal seal = ChainSeal.fresh();
        byte[] madeUp = AuditChain.sha256(new byte[] {1});
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_events (tenant_id, id, occurred_at, actor, action, target_type, target_id,
                                                  seq, prev_hash, hash, salt)
                        VALUES (:t, :id, :at, 'forger@test.example', 'record.viewed', 'record', 'x', 5, :prev, :hash, :salt)
                        """).bind("t", tenantId()).bind("id", forged).bind("at", at).bind("prev", madeUp)
                .bind("hash", AuditChain.hash(event, seal, madeUp)).bind("salt", seal.salt()).execute());

        assertThat(verify().length()).isEqualTo(length + 1);
        assertThat(verify().firstBreak()).get().extracting(Break::kind, Break::position, Break::eventId)
                .containsExactly(Tampering.INSERTED, 5L, Optional.of(forged));
    }

    @Test
    void two_events_swapped_by_sql_are_reported_as_moved_at_the_first_place() {
        long seq = verify().length() - 4;
        UUID second = eventAt(seq + 1);
        services.jdbi().useHandle(handle -> {
            handle.createUpdate("UPDATE audit_events SET seq = -1 WHERE tenant_id = :t AND seq = :seq")
                    .bind("t", tenantId()).bind("seq", seq).execute();
            handle.createUpdate("UPDATE audit_events SET seq = :seq WHERE tenant_id = :t AND seq = :seq + 1")
                    .bind("t", tenantId()).bind("seq", seq).execute();
            handle.createUpdate("UPDATE audit_events SET seq = :seq + 1 WHERE tenant_id = :t AND seq = -1")
                    .bind("t", tenantId()).bind("seq", seq).execute();
        });

        assertThat(verify().firstBreak()).get().extracting(Break::kind, Break::position, Break::eventId)
                .containsExactly(Tampering.REORDERED, seq, Optional.of(second));
    }

    @Test
    void verification_reads_the_chain_page_by_page() {
        long length = verify().length();
        assertThat(ChainVerifier.PAGE).isLessThan(5000);
        services.jdbi().useTransaction(handle -> {
            for (int i = 0; i < ChainVerifier.PAGE + 7; i++) {
                services.audit().record(handle, tenant.id(), Actor.system("bulk"), "record.viewed", "record", "r" + i, null);
            }
        });

        Report report = verify();

        assertThat(report.length()).isEqualTo(length + ChainVerifier.PAGE + 7);
        assertThat(report.firstBreak()).isEmpty();
        // A break past the first page is found all the same.
        sql("UPDATE audit_events SET target_id = 'changed' WHERE tenant_id = :t AND seq = :seq", length + ChainVerifier.PAGE + 3);
        assertThat(verify().firstBreak()).get().extracting(Break::kind, Break::position)
                .containsExactly(Tampering.EDITED, length + ChainVerifier.PAGE + 3);
    }

    @Test
    void every_chain_is_listed_the_platform_first() {
        List<Report> reports = verifier.verifyAll();

        assertThat(reports.get(0).platform()).isTrue();
        assertThat(reports).filteredOn(report -> report.slug().equals(tenant.slug())).singleElement()
                .satisfies(report -> assertThat(report.firstBreak()).isEmpty());
    }
}
