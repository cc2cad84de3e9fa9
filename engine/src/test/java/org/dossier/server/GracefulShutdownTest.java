package org.dossier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dossier.Config;
import org.dossier.Server;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.jdbi.v3.core.Handle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dossier.db.DatabaseHealth;
import org.dossier.db.Readiness;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.web.GracefulStop;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stopping a server (what SIGTERM does) while requests are in flight: saves of case files whose
 * rows the test holds locked, released once the stop began. They all finish with 200 and are
 * stored; an idle
 * connection is closed (or refuses a request with 503), a new connection is refused, and readiness
 * fails as soon as the node drains.
 */
@Tag("integration")
class GracefulShutdownTest {
    private static final int IN_FLIGHT = 3;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void close_lets_requests_in_flight_finish_and_refuses_new_connections() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "graceful");
        User user = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        String token = TestUsers.token(services, user);
        Actor actor = new Actor(user.email(), "127.0.0.1");
        List<CaseRecord> records = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            records.add(services.records().create(tenant.id(), FormService.CASE_FILE,
                    TestRecords.validData("Tardif" + (char) ('a' + i)), actor, java.util.Locale.FRENCH));
        }
        TestDatabase.Connection connection = TestDatabase.connection();
        Config environment = Config.fromEnvironment();
        Server server = Server.start(new Config(0, environment.dataDir(), Optional.of(connection.jdbcUrl()),
                connection.user(), connection.password(), 4, Config.ONE_MIB, environment.accounts()), false);
        int port = server.port();
        Socket idle = open(port);

        // Slow requests, for real: saves of case files whose rows this test holds locked.
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        long closing;
        CompletableFuture<Void> closed;
        try (Handle lock = services.jdbi().open()) {
            lock.begin();
            for (CaseRecord record : records) {
                lock.createQuery("SELECT lock_version FROM records WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
                        .bind("tenantId", tenant.id()).bind("id", record.id().toBytes()).mapTo(Integer.class).one();
            }
            for (CaseRecord record : records) {
                inFlight.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tenants/"
                                + tenant.slug() + "/records/" + record.id()))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"version\":" + record.lockVersion() + ",\"data\":"
                                + TestRecords.validData("Fini" + record.lockVersion()) + "}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(awaitLockWaits(services, IN_FLIGHT)).as("the saves wait for the rows, in flight").isTrue();

            closing = System.nanoTime();
            closed = CompletableFuture.runAsync(server::close);
            assertThat(awaitRefused(port)).as("new connections refused once the stop began").isTrue();
            assertThat(inFlight).noneMatch(CompletableFuture::isDone);
            lock.rollback(); // the saves go on
        }

        List<HttpResponse<String>> answers = inFlight.stream().map(CompletableFuture::join).toList();
        closed.get(GracefulStop.DEFAULT_DRAIN.toSeconds() + 30, TimeUnit.SECONDS);
        long stopMillis = (System.nanoTime() - closing) / 1_000_000;

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));
        for (CaseRecord record : records) {
            int stored = services.jdbi().withHandle(handle -> handle.createQuery(
                            "SELECT lock_version FROM records WHERE tenant_id = :tenantId AND id = :id")
                    .bind("tenantId", tenant.id()).bind("id", record.id().toBytes()).mapTo(Integer.class).one());
            assertThat(stored).isEqualTo(record.lockVersion() + 1);
        }
        // The connection opened before the stop with no request in it: closed, or refusing a request.
        assertThat(idleAnswer(idle)).isIn(-1, 503);
        assertThat(stopMillis).isLessThan(GracefulStop.DEFAULT_DRAIN.toMillis() + 15_000);
        System.out.printf("graceful stop: %d requests in flight finished with 200, stop took %d ms%n", IN_FLIGHT, stopMillis);
    }

    private static boolean awaitLockWaits(Services services, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int waiting = services.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'").mapTo(Integer.class).one());
            if (waiting >= count) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static int idleAnswer(Socket idle) {
        try {
            idle.getOutputStream().write("GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            idle.getOutputStream().flush();
            return statusOf(read(idle));
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void readiness_fails_once_the_node_drains() {
        Services services = TestDatabase.services();
        Readiness readiness = new Readiness(services.jdbi(), services.migrations(), new DatabaseHealth());
        assertThat(readiness.check().ready()).isTrue();

        readiness.drain();

        assertThat(readiness.check().ready()).isFalse();
        assertThat(readiness.check().draining()).isTrue();
        assertThat(readiness.live()).isTrue();
    }

    @Test
    void the_drain_time_is_read_in_seconds_and_20_by_default() {
        assertThat(GracefulStop.parse(null)).isEqualTo(Duration.ofSeconds(20));
        assertThat(GracefulStop.parse(" 45 ")).isEqualTo(Duration.ofSeconds(45));
        assertThat(GracefulStop.parse("0")).isEqualTo(Duration.ZERO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GracefulStop.parse("20s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOSSIER_SHUTDOWN_DRAIN");
    }

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static boolean awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                // a time-out: try again
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Reads one response: its head, then a body of the announced length. */
    private static String read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = text.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip())).findFirst().orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int statusOf(String response) {
        return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : -1;
    }
}
