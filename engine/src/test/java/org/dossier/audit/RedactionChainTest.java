package org.dossier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

import org.dossier.Services;
import org.dossier.audit.ChainVerifier.Break;
import org.dossier.audit.ChainVerifier.Report;
import org.dossier.audit.ChainVerifier.Tampering;
import org.dossier.ids.Uuids;
import org.dossier.offboarding.TableDump;
import org.dossier.onboarding.NewService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the product removes on purpose (a deleted service's first admin's e-mail, the platform
 * events of an account deleted with it) leaves the platform's chain verifiable, and no trace of
 * the e-mail; the same change made by SQL, outside the product, is reported.
 */
@Tag("integration")
class RedactionChainTest {

    @Test
    void a_redacted_field_keeps_the_hash_and_a_changed_one_does_not() {
        ChainedEvent event = new ChainedEvent(7, Uuids.v7(), java.time.Instant.parse("2025-01-01T10:00:00.000001Z"),
                "ana@test.example", "tenant.created", "tenant", "7", "192.0.2.4",
                "{\"slug\":\"pasq\",\"adminEmail\":\"ana@test.example\"}");
        ChainSeal seal = ChainSeal.fresh();
        byte[] hash = AuditChain.hash(event, seal, AuditChain.GENESIS);

        ChainSeal redacted = AuditChain.redact(event, seal, Set.of(AuditRedaction.details("adminEmail"), AuditRedaction.ACTOR));
        ChainedEvent without = new ChainedEvent(7, event.id(), event.occurredAt(), AuditRedaction.REDACTED_ACTOR,
                "tenant.created", "tenant", "7", "192.0.2.4", "{\"slug\": \"pasq\"}");

        assertThat(AuditChain.hash(without, redacted, AuditChain.GENESIS)).isEqualTo(hash);
        assertThat(redacted.redactionJson()).doesNotContain("ana@").doesNotContain("test.example");
        assertThat(AuditChain.hash(new ChainedEvent(7, event.id(), event.occurredAt(), AuditRedaction.REDACTED_ACTOR,
                "tenant.created", "tenant", "7", "192.0.2.4", "{\"slug\": \"other\"}"), redacted, AuditChain.GENESIS))
                .as("a kept field changed").isNotEqualTo(hash);
        assertThat(AuditChain.hash(new ChainedEvent(7, event.id(), event.occurredAt(), AuditRedaction.REDACTED_ACTOR,
                "tenant.created", "tenant", "7", "192.0.2.4", "{\"slug\": \"pasq\", \"adminEmail\": \"bob@x.example\"}"),
                redacted, AuditChain.GENESIS)).as("a redacted field written back").isNotEqualTo(hash);
        assertThat(AuditChain.hash(event, seal, AuditChain.sha256(new byte[] {1}))).as("another previous event")
                .isNotEqualTo(hash);
    }

    @Test
    void deleting_a_service_redacts_its_admins_email_in_the_platform_log_and_the_chain_still_verifies() {
        Services services = TestDatabase.services();
        ChainVerifier verifier = new ChainVerifier(services.jdbi());
        String slug = "redige-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 1_000_000);
        String adminEmail = slug + "-admin@test.example";
        Actor superAdmin = new Actor("chain-super@test.example", "192.0.2.8");
        Tenant doomed = services.onboarding().create(new NewService("Service " + slug, slug, null, adminEmail, "Ana Rédigée"),
                superAdmin).tenant();
        // The admin's own event in the platform log: a sign-in.
        services.jdbi().useTransaction(handle -> services.audit().recordPlatform(handle, new Actor(adminEmail, "192.0.2.9"),
                "login.failed", "user", "0", services.mapper().createObjectNode().put("email", adminEmail)));
        Report before = verifier.verify(AuditLog.PLATFORM_TENANT, "");
        services.suspension().suspend(slug, "test", superAdmin);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE tenants SET status_changed_at = status_changed_at - INTERVAL 1 MINUTE WHERE id = :id")
                .bind("id", doomed.id().value()).execute());

        services.deletion().delete(slug, slug, superAdmin);

        Report after = verifier.verify(AuditLog.PLATFORM_TENANT, "");
        assertThat(after.firstBreak()).isEqualTo(before.firstBreak());
        assertThat(after.redacted()).isGreaterThanOrEqualTo(before.redacted() + 2);
        assertThat(TableDump.whereFound(services, adminEmail)).isEmpty();
        assertThat(verifier.verifyAll()).noneMatch(report -> report.tenantId() == doomed.id().value());
        long heads = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM audit_chain_heads WHERE tenant_id = :t").bind("t", doomed.id().value())
                .mapTo(Long.class).one());
        assertThat(heads).as("the deleted service's chain is gone with its events").isZero();

        // The same removal made by SQL, on another key of the same event, is not the product's.
        Assumptions.assumeTrue(before.intact(), "the platform chain was already broken by a raw row of another test");
        record Created(long seq, byte[] id, String details) {}
        Created created = services.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT seq, id, details FROM audit_events
                         WHERE tenant_id = 0 AND action = 'tenant.created' AND target_id = :target
                        """).bind("target", doomed.id().toString())
                .map((rs, ctx) -> new Created(rs.getLong("seq"), rs.getBytes("id"), rs.getString("details"))).one());
        ObjectNode stored = (ObjectNode) services.mapper().valueToTree(read(services, created.details()));
        assertThat(stored.has("adminEmail")).isFalse();
        assertThat(stored.get("slug").asText()).isEqualTo(slug);
        try {
            services.jdbi().useHandle(handle -> handle.createUpdate(
                            "UPDATE audit_events SET details = JSON_REMOVE(details, '$.slug') WHERE tenant_id = 0 AND id = :id")
                    .bind("id", created.id()).execute());

            assertThat(verifier.verify(AuditLog.PLATFORM_TENANT, "").firstBreak()).get()
                    .extracting(Break::kind, Break::position, Break::eventId)
                    .containsExactly(Tampering.EDITED, created.seq(), java.util.Optional.of(AuditRedaction.uuid(created.id())));
        } finally {
            services.jdbi().useHandle(handle -> handle.createUpdate(
                            "UPDATE audit_events SET details = :details WHERE tenant_id = 0 AND id = :id")
                    .bind("details", created.details()).bind("id", created.id()).execute());
        }
        assertThat(verifier.verify(AuditLog.PLATFORM_TENANT, "").firstBreak()).isEmpty();
    }

    private static Object read(Services services, String json) {
        try {
            return services.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
