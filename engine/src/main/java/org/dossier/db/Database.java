package org.dossier.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The connection pool and the JDBI instance, plus the embedded server when one was started.
 * Closing stops the pool first, then the embedded server.
 */
public final class Database implements AutoCloseable {
    /** The longest a request waits for a connection before it is answered 503 (the database is away). */
    public static final int CONNECTION_TIMEOUT_MS = 5_000;
    private final HikariDataSource dataSource;
    private final Optional<EmbeddedMariaDb> embedded;
    private final Jdbi jdbi;
    private final DatabaseHealth health = new DatabaseHealth();
    private final Optional<EmbeddedSupervisor> supervisor;

    private Database(HikariDataSource dataSource, Optional<EmbeddedMariaDb> embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        // After a restart the pool's connections point at a dead server: evict them rather than let
        // each be found broken by a request.
        this.supervisor = embedded.map(server -> EmbeddedSupervisor.start(server, health, () -> {
            if (dataSource.getHikariPoolMXBean() != null) {
                dataSource.getHikariPoolMXBean().softEvictConnections();
            }
        }));
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        ClientPrepared builder = new ClientPrepared();
        jdbi.setStatementBuilderFactory(connection -> builder);
        JdbiTypes.register(jdbi);
    }

    /** Opens the external database named by the settings, or starts the embedded one. */
    public static Database open(DatabaseSettings settings) {
        if (settings.url().isPresent()) {
            return new Database(pool(settings.url().get(), settings.user(), settings.password(), settings.poolSize()),
                    Optional.empty());
        }
        EmbeddedMariaDb embedded = EmbeddedMariaDb.start(settings.dataDir());
        try {
            return new Database(pool(embedded.jdbcUrl(), embedded.user(), embedded.password(), settings.poolSize()), Optional.of(embedded));
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** Wraps an existing server (tests: Testcontainers, the shared embedded instance). */
    public static Database connect(String jdbcUrl, String user, String password, int poolSize) {
        return new Database(pool(jdbcUrl, user, password, poolSize), Optional.empty());
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(withDriverOptions(jdbcUrl));
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setPoolName("dossier");
        // How long a request waits for a connection when the database does not answer: then 503.
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hikari.setInitializationFailTimeout(-1);
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hikari.addDataSourceProperty("cachePrepStmts", "true");
        hikari.addDataSourceProperty("prepStmtCacheSize", "250");
        hikari.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
        // Server-side prepared statements, cached per connection: the driver neither escapes nor
        // inlines parameters (large JSON documents) and the server does not parse each statement.
        hikari.addDataSourceProperty("useServerPrepStmts", "true");
        hikari.addDataSourceProperty("rewriteBatchedStatements", "true");
        // Keep session state on the client so that autocommit and isolation changes made around
        // every transaction do not each cost a round trip.
        hikari.addDataSourceProperty("useLocalSessionState", "true");
        hikari.addDataSourceProperty("useLocalTransactionState", "true");
        hikari.addDataSourceProperty("cacheServerConfiguration", "true");
        hikari.addDataSourceProperty("elideSetAutoCommits", "true");
        hikari.addDataSourceProperty("maintainTimeStats", "false");
        return new HikariDataSource(hikari);
    }

    private static String withDriverOptions(String jdbcUrl) {
        // Every connection speaks UTF-8 and UTC whatever the server's defaults are.
        String separator = jdbcUrl.contains("?") ? "&" : "?";
        return jdbcUrl + separator + "characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The embedded server, when this database is one (a backup runs its dump tool). */
    public Optional<EmbeddedMariaDb> embedded() {
        return embedded;
    }

    /** What the node knows of its database without asking it (always up for an external one: readiness asks). */
    public DatabaseHealth health() {
        return health;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        supervisor.ifPresent(EmbeddedSupervisor::close);
        dataSource.close();
        embedded.ifPresent(EmbeddedMariaDb::close);
    }
}
