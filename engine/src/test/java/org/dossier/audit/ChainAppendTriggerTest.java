package org.dossier.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.dossier.Services;
import org.dossier.ids.Uuids;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The trigger through which moving a chain's head appends its event: the database's is this
 * release's; it inserts the event linked to the head it replaced and leaves nothing of it in the
 * head's row; it refuses a move other than one place forward; a move without an event (an older
 * node's, a tampering test's) inserts nothing.
 */
@Tag("integration")
class ChainAppendTriggerTest {
    private static Services services;
    private static Tenant tenant;

    @BeforeAll
    static void chain() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "append-trigger");
        services.jdbi().useTransaction(handle -> services.audit().record(handle, tenant.id(), Actor.system("test"),
                "record.updated", "record", "first", null));
    }

    @Test
    void the_database_runs_this_release_s_trigger_before_each_update_of_a_head() {
        Map<String, Object> trigger = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT action_timing, event_manipulation, action_statement FROM information_schema.triggers
                         WHERE trigger_schema = DATABASE() AND trigger_name = :name AND event_object_table = 'audit_chain_heads'
                        """).bind("name", ChainAppendTrigger.NAME).mapToMap().one());

        assertThat(trigger.get("action_timing")).isEqualTo("BEFORE");
        assertThat(trigger.get("event_manipulation")).isEqualTo("UPDATE");
        assertThat(squeezed(trigger.get("action_statement").toString())).isEqualTo(squeezed(ChainAppendTrigger.body()));
    }

    @Test
    void an_appended_event_is_linked_to_the_head_it_replaced_and_the_head_keeps_nothing_of_it() {
        services.jdbi().useTransaction(handle -> services.audit().record(handle, tenant.id(),
                new Actor("someone@test.example", "192.0.2.9"), "record.updated", "record", "second",
                services.mapper().createObjectNode().put("note", "kept in the event only")));

        services.jdbi().useHandle(handle -> {
            Map<String, Object> head = handle.createQuery("""
                            SELECT seq, hash, next_id, next_occurred_at, next_actor, next_action, next_target_type,
                                   next_target_id, next_client_address, next_details, next_salt
                              FROM audit_chain_heads WHERE tenant_id = :t
                            """).bind("t", tenant.id()).mapToMap().one();
            Map<String, Object> event = handle.createQuery("""
                            SELECT seq, hash, actor, client_address, details FROM audit_events
                             WHERE tenant_id = :t ORDER BY seq DESC LIMIT 1
                            """).bind("t", tenant.id()).mapToMap().one();
            byte[] previous = handle.createQuery("SELECT hash FROM audit_events WHERE tenant_id = :t AND seq = :seq")
                    .bind("t", tenant.id()).bind("seq", ((Number) head.get("seq")).longValue() - 1)
                    .mapTo(byte[].class).one();
            byte[] link = handle.createQuery("SELECT prev_hash FROM audit_events WHERE tenant_id = :t AND seq = :seq")
                    .bind("t", tenant.id()).bind("seq", ((Number) head.get("seq")).longValue())
                    .mapTo(byte[].class).one();

            assertThat(event.get("seq")).isEqualTo(head.get("seq"));
            assertThat((byte[]) event.get("hash")).isEqualTo((byte[]) head.get("hash"));
            assertThat(link).isEqualTo(previous);
            assertThat(event.get("actor")).isEqualTo("someone@test.example");
            assertThat(event.get("details").toString()).contains("kept in the event only");
            head.forEach((column, value) -> {
                if (column.startsWith("next_")) {
                    assertThat(value).as(column).isNull();
                }
            });
        });
        assertThat(new ChainVerifier(services.jdbi()).verify(tenant.id().value(), tenant.slug()).firstBreak()).isEmpty();
    }

    @Test
    void a_move_of_more_than_one_place_with_an_event_is_refused_and_changes_nothing() {
        long events = events();
        long seq = head();

        assertThatThrownBy(() -> services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE audit_chain_heads SET seq = seq + 2, next_id = :id, next_occurred_at = NOW(6),
                               next_actor = 'x', next_action = 'record.updated', next_target_type = 'record'
                         WHERE tenant_id = :t
                        """).bind("id", Uuids.v7()).bind("t", tenant.id()).execute()))
                .hasMessageContaining("must follow the head of its chain");

        assertThat(events()).isEqualTo(events);
        assertThat(head()).isEqualTo(seq);
    }

    @Test
    void a_move_without_an_event_inserts_nothing() {
        long events = events();
        long seq = head();
        services.jdbi().useHandle(handle -> handle.execute(
                "UPDATE audit_chain_heads SET seq = seq WHERE tenant_id = ?", tenant.id().value()));

        assertThat(events()).isEqualTo(events);
        assertThat(head()).isEqualTo(seq);
    }

    private static long events() {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t")
                .bind("t", tenant.id()).mapTo(Long.class).one());
    }

    private static long head() {
        return services.jdbi().withHandle((Handle handle) -> handle.createQuery(
                        "SELECT seq FROM audit_chain_heads WHERE tenant_id = :t")
                .bind("t", tenant.id()).mapTo(Long.class).one());
    }

    private static String squeezed(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }
}
