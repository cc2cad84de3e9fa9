package org.dossier.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.dossier.Config;
import org.dossier.Server;
import org.dossier.testing.TestFiles;
import org.dossier.testing.TestLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The embedded database going away under a bounded write load, on one whole server: stopped and
 * started again by an operator, killed with SIGKILL (the server restarts it by itself), and killed
 * for good (liveness turns red). Readiness answers within a second throughout, requests get a
 * clear 503 rather than hanging, and no acknowledged case file is lost.
 */
@Tag("embedded")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultTest {
    private static final String PASSWORD = "demo-password-2026";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path dataDir;
    private static Server server;
    private static String base;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("dossier-db-faults");
        server = Server.start(new Config(0, dataDir, Optional.empty(), "root", "", 8, Config.ONE_MIB,
                new Config.Accounts(Optional.empty(), Optional.empty(), Optional.of(PASSWORD),
                        Duration.ofMinutes(30), Duration.ofHours(12))), true);
        base = "http://127.0.0.1:" + server.port();
        token = TestLoad.token(base, "caseworker@pasq.demo", PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        StaleServer.stopAll(dataDir.resolve("mariadb"));
        TestFiles.deleteRecursively(dataDir);
    }

    @Test
    @Order(1)
    void a_database_stopped_and_started_under_load_answers_503_meanwhile_and_recovers_without_a_restart() throws Exception {
        EmbeddedMariaDb embedded = server.database().embedded().orElseThrow();
        List<TestLoad.Ack> acknowledged;
        Probe probe;
        try (TestLoad load = TestLoad.start(base, "pasq", token, 4)) {
            awaitAcknowledged(load, 10);
            embedded.stop();
            long stopped = System.nanoTime();
            probe = Probe.until(status -> status == 503, Duration.ofSeconds(10));
            assertThat(probe.seen()).as("readiness said 503 while the database was stopped").isTrue();
            // A request while it is down: a clear 503 at once, never a hang.
            HttpResponse<String> refused = post(TestLoad.body("Pendantpanne"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("databaseUnavailable");
            assertThat(refused.headers().firstValue("Retry-After")).contains("5");

            embedded.restart();
            Probe back = Probe.until(status -> status == 200, Duration.ofSeconds(60));
            assertThat(back.seen()).as("ready again without a restart of the app").isTrue();
            int before = load.acknowledged().size();
            awaitAcknowledged(load, before + 10);
            assertThat(load.acknowledged().size()).as("writing again").isGreaterThanOrEqualTo(before + 10);
            long downSeconds = (System.nanoTime() - stopped) / 1_000_000_000;
            load.close();
            acknowledged = load.acknowledged();
            assertThat(load.count(500)).as("no 500 while the database was away: %s", load.statuses()).isZero();
            List<String> missing = TestLoad.missing(base, "pasq", token, acknowledged);
            assertThat(missing).isEmpty();
            System.out.printf("database stop/start: %d case files acknowledged, %d lost, statuses %s, slowest request %d ms,"
                            + " slowest readiness %d ms, ready again %d s after the stop%n", acknowledged.size(), missing.size(),
                    load.statuses(), load.slowestMillis(), Math.max(probe.slowestMillis(), back.slowestMillis()), downSeconds);
            assertThat(Math.max(probe.slowestMillis(), back.slowestMillis())).as("readiness answers within a second")
                    .isLessThan(2_000);
        }
    }

    @Test
    @Order(2)
    void a_database_killed_under_load_is_restarted_by_the_server_and_nothing_acknowledged_is_lost() throws Exception {
        EmbeddedMariaDb embedded = server.database().embedded().orElseThrow();
        try (TestLoad load = TestLoad.start(base, "pasq", token, 4)) {
            awaitAcknowledged(load, 10);
            long killedPid = embedded.pid();
            ProcessHandle.of(killedPid).orElseThrow().destroyForcibly();
            long killed = System.nanoTime();
            Probe down = Probe.until(status -> status == 503, Duration.ofSeconds(10));
            assertThat(down.seen()).as("readiness said 503 once the database was killed").isTrue();
            Probe back = Probe.until(status -> status == 200, Duration.ofSeconds(60));
            assertThat(back.seen()).as("ready again by itself within 60 s").isTrue();
            long recoverySeconds = (System.nanoTime() - killed) / 1_000_000_000;
            assertThat(embedded.pid()).isNotEqualTo(killedPid);
            int before = load.acknowledged().size();
            awaitAcknowledged(load, before + 10);
            assertThat(load.acknowledged().size()).as("writing again").isGreaterThanOrEqualTo(before + 10);
            assertThat(TestLoad.status(base + "/health/live", Duration.ofSeconds(5))).isEqualTo(200);
            load.close();
            List<TestLoad.Ack> acknowledged = load.acknowledged();
            List<String> missing = TestLoad.missing(base, "pasq", token, acknowledged);
            assertThat(missing).isEmpty();
            assertThat(load.count(500)).as("no 500 while the database was away: %s", load.statuses()).isZero();
            System.out.printf("kill -9 of mariadbd: %d case files acknowledged, %d lost, statuses %s, slowest request %d ms,"
                            + " slowest readiness %d ms, ready again %d s after the kill%n", acknowledged.size(), missing.size(),
                    load.statuses(), load.slowestMillis(), Math.max(down.slowestMillis(), back.slowestMillis()), recoverySeconds);
            assertThat(Math.max(down.slowestMillis(), back.slowestMillis())).as("readiness answers within a second")
                    .isLessThan(2_000);
        }
    }

    @Test
    @Order(3)
    void a_database_that_cannot_be_restarted_turns_liveness_red() throws Exception {
        EmbeddedMariaDb embedded = server.database().embedded().orElseThrow();
        Path program = EmbeddedMariaDb.baseDir(dataDir).resolve("bin/mariadbd");
        Path aside = program.resolveSibling("mariadbd.aside");
        Files.move(program, aside);
        try {
            ProcessHandle.of(embedded.pid()).orElseThrow().destroyForcibly();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int live = 200;
            while (live != 503 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                live = TestLoad.status(base + "/health/live", Duration.ofSeconds(5));
            }
            assertThat(live).as("liveness once every restart failed").isEqualTo(503);
            assertThat(TestLoad.status(base + "/health/ready", Duration.ofSeconds(5))).isEqualTo(503);
            assertThat(post(TestLoad.body("Sansbase")).statusCode()).isEqualTo(503);
        } finally {
            Files.move(aside, program);
        }
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants/pasq/records"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitAcknowledged(TestLoad load, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (load.acknowledged().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Polls readiness until it answers as wanted or the deadline passes, keeping the slowest answer's time. */
    private record Probe(boolean seen, long slowestMillis) {
        static Probe until(IntPredicate wanted, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            long slowest = 0;
            while (System.nanoTime() < deadline) {
                long started = System.nanoTime();
                int status = TestLoad.status(base + "/health/ready", Duration.ofSeconds(5));
                slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
                if (wanted.test(status)) {
                    return new Probe(true, slowest);
                }
                Thread.sleep(100);
            }
            return new Probe(false, slowest);
        }
    }
}
