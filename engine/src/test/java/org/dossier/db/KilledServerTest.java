package org.dossier.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Config;
import org.dossier.Server;
import org.dossier.testing.TestFiles;
import org.dossier.testing.TestLoad;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real kill -9 of the application under write load: {@code serve --demo} in a child JVM, killed
 * with {@code destroyForcibly()} while clients create case files. Its mariadbd must not run on,
 * orphaned (the watchdog stops it; a server left over anyway is stopped by the next start, the
 * second test), the next start on the same data directory is ready within 90 s, and every case
 * file acknowledged with 201 is there as posted.
 */
@Tag("embedded")
class KilledServerTest {
    private static final Pattern LISTENING = Pattern.compile("Dossier listening on http://localhost:(\\d+)/");
    private static final String PASSWORD = "demo-password-2026";

    @Test
    void a_server_killed_under_load_leaves_no_database_behind_and_loses_no_acknowledged_case_file() throws Exception {
        Path dataDir = Files.createTempDirectory("dossier-killed");
        Path mariadbDir = dataDir.resolve("mariadb");
        Process child = serve(dataDir);
        try {
            List<String> output = new CopyOnWriteArrayList<>();
            int port = listeningPort(child, output);
            String base = "http://127.0.0.1:" + port;
            String token = TestLoad.token(base, "caseworker@pasq.demo", PASSWORD);
            long databasePid = StaleServer.pidFile(mariadbDir).orElseThrow();
            assertThat(ProcessHandle.of(databasePid)).isPresent();

            List<TestLoad.Ack> acknowledged;
            long killedAt;
            try (TestLoad load = TestLoad.start(base, "pasq", token, 4)) {
                awaitAcknowledged(load, 20);
                child.destroyForcibly(); // SIGKILL: no shutdown hook runs
                killedAt = System.nanoTime();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                load.close();
                acknowledged = load.acknowledged();
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20);
            // The watchdog stops the killed process's database; the next start would otherwise (see below).
            boolean watchdogStoppedIt = ProcessHandle.of(databasePid).map(process -> {
                try {
                    process.onExit().get(45, TimeUnit.SECONDS);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            }).orElse(true);
            assertThat(watchdogStoppedIt).as("mariadbd stopped once its JVM was killed").isTrue();

            long restarting = killedAt;
            Config config = new Config(0, dataDir, Optional.empty(), "root", "", 4, Config.ONE_MIB,
                    new Config.Accounts(Optional.empty(), Optional.empty(), Optional.of(PASSWORD),
                            Duration.ofMinutes(30), Duration.ofHours(12)));
            try (Server server = Server.start(config, false)) {
                String next = "http://127.0.0.1:" + server.port();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (TestLoad.status(next + "/health/ready", Duration.ofSeconds(5)) != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                long readySeconds = (System.nanoTime() - restarting) / 1_000_000_000;
                assertThat(TestLoad.status(next + "/health/ready", Duration.ofSeconds(5))).isEqualTo(200);
                assertThat(readySeconds).as("seconds to ready after the kill").isLessThan(90);
                // The killed process's database is gone; the one running now is the new start's.
                assertThat(ProcessHandle.of(databasePid).filter(ProcessHandle::isAlive)).isEmpty();
                assertThat(StaleServer.holding(mariadbDir)).hasSize(1)
                        .allSatisfy(process -> assertThat(process.pid()).isNotEqualTo(databasePid));

                List<String> missing = TestLoad.missing(next, "pasq", TestLoad.token(next, "caseworker@pasq.demo", PASSWORD),
                        acknowledged);
                assertThat(missing).as("acknowledged case files lost or changed").isEmpty();
                System.out.printf("kill -9 of the app: %d case files acknowledged, %d lost, ready again %d s after the kill%n",
                        acknowledged.size(), missing.size(), readySeconds);
            }
            assertThat(StaleServer.holding(mariadbDir)).isEmpty();
        } finally {
            child.destroyForcibly();
            StaleServer.stopAll(mariadbDir);
            TestFiles.deleteRecursively(dataDir);
        }
    }

    @Test
    void a_server_left_running_on_the_data_directory_is_stopped_before_a_new_one_starts() throws Exception {
        Path dataDir = Files.createTempDirectory("dossier-stale");
        Path mariadbDir = dataDir.resolve("mariadb");
        try {
            EmbeddedMariaDb left = EmbeddedMariaDb.start(dataDir);
            long leftPid = left.pid();
            try (var connection = java.sql.DriverManager.getConnection(left.jdbcUrl(), left.user(), left.password());
                 var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id INT PRIMARY KEY)");
                statement.execute("INSERT INTO kept VALUES (7)");
            }
            assertThat(StaleServer.holding(mariadbDir)).extracting(ProcessHandle::pid).containsExactly(leftPid);

            // Not closed: as if its JVM had been killed. The next start stops it, then starts its own.
            try (EmbeddedMariaDb next = EmbeddedMariaDb.start(dataDir)) {
                assertThat(ProcessHandle.of(leftPid).filter(ProcessHandle::isAlive)).isEmpty();
                assertThat(next.pid()).isNotEqualTo(leftPid);
                assertThat(StaleServer.holding(mariadbDir)).extracting(ProcessHandle::pid).containsExactly(next.pid());
                try (var connection = java.sql.DriverManager.getConnection(next.jdbcUrl(), next.user(), next.password());
                     var statement = connection.createStatement();
                     var rows = statement.executeQuery("SELECT id FROM kept")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(7);
                }
            }
            left.close();
            assertThat(StaleServer.holding(mariadbDir)).isEmpty();
        } finally {
            StaleServer.stopAll(mariadbDir);
            TestFiles.deleteRecursively(dataDir);
        }
    }

    @Test
    void a_start_on_files_another_process_locks_fails_at_once_naming_it() throws Exception {
        Path dataDir = Files.createTempDirectory("dossier-locked");
        Path mariadbDir = dataDir.resolve("mariadb");
        Process holder = null;
        try {
            EmbeddedMariaDb.start(dataDir).close(); // creates the files
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FileLockHolder.class.getName(),
                    mariadbDir.resolve("ibdata1").toString()).redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("locked");

            long starting = System.nanoTime();
            long holderPid = holder.pid();
            assertThatThrownBy(() -> EmbeddedMariaDb.start(dataDir)).isInstanceOf(DataDirectoryBusyException.class)
                    .hasMessageContaining(mariadbDir.toString()).hasMessageContaining("process " + holderPid);
            assertThat(Duration.ofNanos(System.nanoTime() - starting)).isLessThan(Duration.ofSeconds(10));
            assertThat(StaleServer.holding(mariadbDir)).isEmpty();
        } finally {
            if (holder != null) {
                holder.destroyForcibly();
            }
            StaleServer.stopAll(mariadbDir);
            TestFiles.deleteRecursively(dataDir);
        }
    }

    /** A process that holds a POSIX lock on a file, as another server on the same files would. */
    public static final class FileLockHolder {
        public static void main(String[] args) throws Exception {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(Path.of(args[0]),
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE);
                 java.nio.channels.FileLock lock = channel.lock()) {
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(120_000);
            }
        }
    }

    private static void awaitAcknowledged(TestLoad load, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (load.acknowledged().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** {@code java -cp <this test's classpath> org.dossier.Main serve --demo} on its own data directory. */
    private static Process serve(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.dossier.Main", "serve", "--demo").redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().put("DOSSIER_DATA_DIR", dataDir.toString());
        builder.environment().put("DOSSIER_DEMO_PASSWORD", PASSWORD);
        builder.environment().put("DOSSIER_LIFECYCLE_AT", "off");
        builder.environment().remove("DOSSIER_DB_URL");
        return builder.start();
    }

    /** Reads the child's output until it listens (then keeps draining it so the child never blocks on a full pipe). */
    private static int listeningPort(Process child, List<String> output) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                // The child was killed.
            }
            port.completeExceptionally(new IllegalStateException("child ended without listening: " + output));
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(150, TimeUnit.SECONDS);
    }
}
