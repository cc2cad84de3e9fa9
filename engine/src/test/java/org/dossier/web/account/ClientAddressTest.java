package org.dossier.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestThrottle;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The client address the running app throttles and audits: behind a trusted proxy the client the
 * proxy names, otherwise the peer whatever {@code X-Forwarded-For} says.
 * {@code TrustedProxiesTest} covers the rules themselves.
 */
@Tag("integration")
class ClientAddressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "203.0.113.7";
    private static final String FORGED = "192.0.2.99";
    private static Services services;
    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "proxy");
    }

    @AfterEach
    void forgetCounters() {
        for (String address : List.of(CLIENT, FORGED, TestThrottle.LOCAL)) {
            TestThrottle.forget(services, TestThrottle.addressKey(address));
        }
    }

    private static HttpResponse<String> tokenRequest(TestClient client, String email, String password, String forwardedFor) {
        return client.postJson("/api/v1/auth/token",
                JSON.createObjectNode().put("email", email).put("password", password).toString(),
                "X-Forwarded-For", forwardedFor);
    }

    private static String lastAddress(String action, User user) {
        List<AuditEvent> events = TestAudit.events(services, AuditLog.PLATFORM_TENANT, action, user.email());
        assertThat(events).as(action).isNotEmpty();
        return events.get(events.size() - 1).clientAddress();
    }

    @Test
    void behind_a_trusted_proxy_the_client_it_names_is_throttled_and_audited_not_the_proxy() {
        User member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        TestClient viaProxy = TestClient.anonymousAt(TestServer.behindProxyUrl());
        Optional<TestThrottle.Counter> proxyBefore = TestThrottle.counter(services, TestThrottle.addressKey(TestThrottle.LOCAL));

        HttpResponse<String> failed = tokenRequest(viaProxy, member.email(), "wrong password", FORGED + ", " + CLIENT);

        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(lastAddress("login.failed", member)).isEqualTo(CLIENT);
        assertThat(TestThrottle.counter(services, TestThrottle.addressKey(CLIENT)))
                .hasValue(new TestThrottle.Counter(1, null));
        assertThat(TestThrottle.counter(services, TestThrottle.addressKey(FORGED))).as("the forged entry").isEmpty();
        assertThat(TestThrottle.counter(services, TestThrottle.addressKey(TestThrottle.LOCAL))).as("the proxy")
                .isEqualTo(proxyBefore);

        HttpResponse<String> token = tokenRequest(viaProxy, member.email(), TestUsers.PASSWORD, FORGED + ", " + CLIENT);

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(lastAddress("login.succeeded", member)).isEqualTo(CLIENT);
        assertThat(lastAddress("token.created", member)).isEqualTo(CLIENT);
    }

    @Test
    void a_client_reaching_the_app_directly_cannot_choose_its_address_with_the_header() {
        User member = TestUsers.member(services, tenant, Role.CASEWORKER, false);

        HttpResponse<String> failed = tokenRequest(TestClient.anonymous(), member.email(), "wrong password", CLIENT);

        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(lastAddress("login.failed", member)).isEqualTo(TestThrottle.LOCAL);
        assertThat(TestThrottle.counter(services, TestThrottle.addressKey(CLIENT))).isEmpty();
        assertThat(TestThrottle.counter(services, TestThrottle.addressKey(TestThrottle.LOCAL)).orElseThrow().failures())
                .isPositive();
    }
}
