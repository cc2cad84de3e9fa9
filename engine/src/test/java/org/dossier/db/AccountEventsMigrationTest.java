package org.dossier.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.dossier.Services;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.ids.Uuids;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The V8 migration's move of sign-in events written per membership, before they belonged to the
 * platform log only: one copy of each is kept, in the platform log, and none stays in a service's.
 * The statements are run as the migration holds them, on rows written the old way.
 */
@Tag("integration")
class AccountEventsMigrationTest {
    private static final String MIGRATION = "/db/migration/V8__account_events_and_invitations.sql";

    private static List<String> dataStatements() throws IOException {
        try (InputStream in = AccountEventsMigrationTest.class.getResourceAsStream(MIGRATION)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Comment lines out, then one statement per semicolon; the ALTER ran with the migrations.
            String code = String.join("\n", sql.lines().filter(line -> !line.strip().startsWith("--")).toList());
            return Arrays.stream(code.split(";")).map(String::strip)
                    .filter(statement -> !statement.isEmpty() && !statement.startsWith("ALTER")).toList();
        }
    }

    private static void write(Services services, long tenantId, Instant at, String actor, String action, String target,
                              String details) {
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_events (tenant_id, id, occurred_at, actor, action, target_type, target_id,
                                                  client_address, details)
                        VALUES (:tenantId, :id, :at, :actor, :action, 'user', :target, '192.0.2.7', :details)
                        """)
                .bind("tenantId", tenantId).bind("id", Uuids.v7()).bind("at", at).bind("actor", actor)
                .bind("action", action).bind("target", target).bind("details", details).execute());
    }

    @Test
    void copies_written_per_membership_become_one_platform_event_and_leave_the_services_logs() throws IOException {
        Services services = TestDatabase.services();
        long first = 900_000_000L + ProcessHandle.current().pid();
        long second = first + 1;
        String person = "migration-" + System.nanoTime() + "@test.example";
        String superAdmin = "migration-super-" + System.nanoTime() + "@test.example";
        Instant at = Instant.parse("2025-03-01T09:00:00.000100Z");
        // One sign-in of a member of two services: a copy in each.
        write(services, first, at, person, "login.succeeded", "41", null);
        write(services, second, at.plusMillis(1), person, "login.succeeded", "41", null);
        // A token made a minute later, in both services too, with details.
        write(services, first, at.plusSeconds(60), person, "token.created", "41", "{\"kind\": \"personal\", \"tokenId\": 5}");
        write(services, second, at.plusSeconds(60).plusMillis(1), person, "token.created", "41",
                "{\"kind\": \"personal\", \"tokenId\": 5}");
        // A second, genuine sign-in ten seconds after the first, in one service only.
        write(services, first, at.plusSeconds(10), person, "login.succeeded", "41", null);
        // A super-admin member of a service: a service copy, then a platform copy.
        write(services, first, at, superAdmin, "logout", "42", "{\"how\": \"session\"}");
        write(services, AuditLog.PLATFORM_TENANT, at.plusMillis(2), superAdmin, "logout", "42", "{\"how\": \"session\"}");
        // What a service did about the person stays in its log.
        write(services, first, at, superAdmin, "membership.changed", "41", "{\"role\": \"viewer\"}");

        services.jdbi().useTransaction(handle -> {
            for (String statement : dataStatements()) {
                handle.createUpdate(statement).execute();
            }
        });

        for (String action : List.of("login.succeeded", "token.created")) {
            assertThat(TestAudit.events(services, first, action, person)).as(action).isEmpty();
            assertThat(TestAudit.events(services, second, action, person)).as(action).isEmpty();
        }
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "login.succeeded", person))
                .extracting(AuditEvent::occurredAt).containsExactly(at, at.plusSeconds(10));
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "token.created", person)).singleElement()
                .satisfies(event -> assertThat(TestAudit.details(event)).containsEntry("tokenId", "5"));
        assertThat(TestAudit.events(services, first, "logout", superAdmin)).isEmpty();
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "logout", superAdmin)).hasSize(1);
        assertThat(TestAudit.events(services, first, "membership.changed", superAdmin)).hasSize(1);
    }
}
