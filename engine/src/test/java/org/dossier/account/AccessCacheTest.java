package org.dossier.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dossier.Services;
import org.dossier.db.JdbiTypes;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The node's kept sessions and tokens: a change made through this node's JDBI applies at the next
 * request (at its commit, for a change in a transaction), one made by another node within the
 * window. "This node" is a JDBI of its own with the watch installed; "another node" writes through
 * the shared test services, whose JDBI this cache does not watch.
 */
@Tag("integration")
class AccessCacheTest {
    private static final Duration WINDOW = Duration.ofMillis(400);
    private static Services services;
    private static Jdbi node;
    private static ExecutorService other;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        node = Jdbi.create(TestDatabase.database().dataSource());
        JdbiTypes.register(node);
        other = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void tearDown() {
        if (other != null) {
            other.shutdownNow();
        }
    }

    private record Node(AccessCache cache, SessionStore sessions, TokenStore tokens) {}

    private static Node node() {
        AccessCache cache = AccessCache.keeping(WINDOW);
        return new Node(cache, new SessionStore(node, Clock.systemUTC(), Duration.ofMinutes(30), Duration.ofHours(12), cache),
                new TokenStore(node, Clock.systemUTC(), cache));
    }

    private static Node watched() {
        Node fresh = node();
        fresh.cache().watch(node);
        return fresh;
    }

    @Test
    void the_statements_that_may_change_access_are_told_from_the_others() {
        assertThat(AccessCache.writesAccess("DELETE FROM sessions WHERE id_hash = ?")).isTrue();
        assertThat(AccessCache.writesAccess("  UPDATE memberships SET role = ? WHERE tenant_id = ?")).isTrue();
        assertThat(AccessCache.writesAccess("/* all tenants */ DELETE FROM users WHERE id IN (1)")).isTrue();
        assertThat(AccessCache.writesAccess("INSERT INTO api_tokens (user_id) VALUES (?)")).isTrue();
        assertThat(AccessCache.writesAccess("DELETE o FROM oidc_sessions o LEFT JOIN sessions s ON 1")).isTrue();
        assertThat(AccessCache.writesAccess("TRUNCATE TABLE sessions")).isTrue();
        assertThat(AccessCache.writesAccess("DELETE FROM `memberships` WHERE tenant_id = ?")).isTrue();
        assertThat(AccessCache.writesAccess("UPDATE dossier.users SET must_change_password = TRUE")).isTrue();
        assertThat(AccessCache.writesAccess("WITH gone AS (SELECT 1) DELETE FROM api_tokens WHERE id = ?")).isTrue();
        assertThat(AccessCache.writesAccess(AccessCache.ACTIVITY + "UPDATE sessions SET last_seen_at = ?")).isFalse();
        assertThat(AccessCache.writesAccess("SELECT u.id FROM sessions s JOIN users u ON u.id = s.user_id")).isFalse();
        assertThat(AccessCache.writesAccess("SELECT * FROM memberships WHERE tenant_id = ? FOR UPDATE")).isFalse();
        assertThat(AccessCache.writesAccess("INSERT INTO records (tenant_id, id) VALUES (?, ?)")).isFalse();
        assertThat(AccessCache.writesAccess("INSERT IGNORE INTO expired_sessions (id_hash) VALUES (?)")).isFalse();
    }

    @Test
    void the_kept_verdicts_answer_as_the_statement_text_does_and_stay_bounded() {
        AccessCache.Verdicts verdicts = new AccessCache.Verdicts();

        for (int round = 0; round < 2; round++) {
            assertThat(verdicts.writesAccess("DELETE FROM sessions WHERE id_hash = ?")).isTrue();
            assertThat(verdicts.writesAccess("INSERT INTO records (tenant_id, id) VALUES (?, ?)")).isFalse();
            assertThat(verdicts.writesAccess(new String("UPDATE memberships SET role = ? WHERE tenant_id = ?"))).isTrue();
        }
        assertThat(verdicts.size()).isEqualTo(3);
        for (int i = 0; i <= AccessCache.Verdicts.KEPT; i++) {
            assertThat(verdicts.writesAccess("UPDATE users SET display_name = ? WHERE id = " + i)).isTrue();
        }
        assertThat(verdicts.size()).isBetween(1, AccessCache.Verdicts.KEPT);
    }

    @Test
    void a_session_is_kept_and_another_nodes_logout_applies_within_the_window() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "cache");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        Node here = watched();
        String id = here.sessions().open(user, "10.0.0.1").id();
        assertThat(here.sessions().find(id, tenant.id())).isPresent();

        services.sessions().close(id); // the other node's logout

        assertThat(here.sessions().find(id, tenant.id())).as("kept: not read again").isPresent();
        Thread.sleep(WINDOW.toMillis() + 100);
        assertThat(here.sessions().find(id, tenant.id())).as("after the window").isEmpty();
    }

    @Test
    void this_nodes_logout_and_role_change_apply_at_the_next_request() {
        Tenant tenant = TestTenants.withBaseForm(services, "cache");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        Node here = watched();
        String id = here.sessions().open(user, "10.0.0.1").id();
        assertThat(role(here.sessions().find(id, tenant.id()))).contains(Role.CASEWORKER);

        node.useHandle(handle -> setRole(handle, tenant, user, Role.ADMIN));
        assertThat(role(here.sessions().find(id, tenant.id()))).contains(Role.ADMIN);

        node.useHandle(handle -> handle.createUpdate("DELETE FROM memberships WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenant.id()).bind("u", user.id()).execute());
        assertThat(here.sessions().find(id, tenant.id()).orElseThrow().membership()).isEmpty();

        here.sessions().close(id);
        assertThat(here.sessions().find(id, tenant.id())).isEmpty();
    }

    @Test
    void a_change_in_a_transaction_applies_at_its_commit_even_if_read_meanwhile() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "cache");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        Node here = watched();
        String id = here.sessions().open(user, "10.0.0.1").id();

        try (Handle writer = node.open()) {
            writer.begin();
            setRole(writer, tenant, user, Role.ADMIN);
            // Read on another connection before the commit: the role as committed, kept with the current generation.
            assertThat(role(other.submit(() -> here.sessions().find(id, tenant.id())).get())).contains(Role.CASEWORKER);
            writer.commit();
        }

        assertThat(role(other.submit(() -> here.sessions().find(id, tenant.id())).get())).contains(Role.ADMIN);
    }

    @Test
    void a_change_rolled_back_leaves_access_as_it_was() {
        Tenant tenant = TestTenants.withBaseForm(services, "cache");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        Node here = watched();
        String id = here.sessions().open(user, "10.0.0.1").id();

        try (Handle writer = node.open()) {
            writer.begin();
            setRole(writer, tenant, user, Role.ADMIN);
            writer.rollback();
        }

        assertThat(role(here.sessions().find(id, tenant.id()))).contains(Role.CASEWORKER);
    }

    @Test
    void a_token_revoked_on_this_node_is_refused_at_once_and_one_revoked_elsewhere_within_the_window() throws Exception {
        Tenant tenant = TestTenants.withBaseForm(services, "cache");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        Node here = watched();
        TokenStore.Issued mine = node.inTransaction(handle ->
                here.tokens().issue(handle, user.id(), "here", TokenStore.PERSONAL, Duration.ofDays(1)));
        TokenStore.Issued theirs = node.inTransaction(handle ->
                here.tokens().issue(handle, user.id(), "there", TokenStore.PERSONAL, Duration.ofDays(1)));
        assertThat(here.tokens().find(mine.secret(), tenant.id())).isPresent();
        assertThat(here.tokens().find(theirs.secret(), tenant.id())).isPresent();

        services.jdbi().useTransaction(handle -> services.tokens().revoke(handle, user.id(), theirs.token().id()));
        assertThat(here.tokens().find(theirs.secret(), tenant.id())).as("another node: kept").isPresent();
        Thread.sleep(WINDOW.toMillis() + 100);
        assertThat(here.tokens().find(theirs.secret(), tenant.id())).as("after the window").isEmpty();

        assertThat(here.tokens().find(mine.secret(), tenant.id())).isPresent();
        node.useTransaction(handle -> here.tokens().revoke(handle, user.id(), mine.token().id()));
        assertThat(here.tokens().find(mine.secret(), tenant.id())).as("this node: at once").isEmpty();
    }

    @Test
    void without_the_cache_every_lookup_reads_the_database() {
        Tenant tenant = TestTenants.withBaseForm(services, "cache");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        SessionStore direct = new SessionStore(node, Clock.systemUTC(), Duration.ofMinutes(30), Duration.ofHours(12));
        String id = direct.open(user, "10.0.0.1").id();
        assertThat(direct.find(id, tenant.id())).isPresent();

        services.sessions().close(id);

        assertThat(direct.find(id, tenant.id())).isEmpty();
    }

    private static void setRole(Handle handle, Tenant tenant, User user, Role role) {
        handle.createUpdate("UPDATE memberships SET role = :role WHERE tenant_id = :t AND user_id = :u")
                .bind("role", role.key()).bind("t", tenant.id()).bind("u", user.id()).execute();
    }

    private static Optional<Role> role(Optional<Session.Found> found) {
        return found.flatMap(Session.Found::membership).map(Membership::role);
    }
}
