package org.dossier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.dossier.account.LoginThrottle;
import org.dossier.attachment.AttachmentSettings;
import org.dossier.crypto.MasterKeySettings;
import org.dossier.db.DatabaseSettings;
import org.dossier.signon.SignOnSettings;
import org.dossier.web.TrustedProxies;

/**
 * Runtime configuration, read from the environment once at start-up.
 *
 * <p>With no {@code DOSSIER_DB_URL} the server runs on an embedded MariaDB whose files live under
 * {@code dataDir}; with it, it connects to an external MySQL 8 or MariaDB.
 *
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} names the client
 *                       ({@code DOSSIER_TRUSTED_PROXIES}); none by default
 * @param masterKey      where the master key of confidential data comes from
 *                       ({@code DOSSIER_MASTER_KEY}, {@code DOSSIER_MASTER_KEY_FILE}, else under {@code dataDir})
 * @param attachments    where attachments are stored and how large they may be
 * @param operations     what an operator's tools reach: the metrics endpoint's token
 */
public record Config(
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int poolSize,
        long maxBodyBytes,
        Accounts accounts,
        TrustedProxies trustedProxies,
        MasterKeySettings masterKey,
        AttachmentSettings attachments,
        Operations operations) {

    public static final long ONE_MIB = 1024L * 1024L;

    /** A server that clients reach directly, trusting no proxy (the tests, the benchmark). */
    public Config(int port, Path dataDir, Optional<String> dbUrl, String dbUser, String dbPassword, int poolSize,
                  long maxBodyBytes, Accounts accounts) {
        this(port, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts, TrustedProxies.none());
    }

    /** With the master key from its default place under {@code dataDir}. */
    public Config(int port, Path dataDir, Optional<String> dbUrl, String dbUser, String dbPassword, int poolSize,
                  long maxBodyBytes, Accounts accounts, TrustedProxies trustedProxies) {
        this(port, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts, trustedProxies,
                MasterKeySettings.defaults());
    }

    /** Without a metrics endpoint. */
    public Config(int port, Path dataDir, Optional<String> dbUrl, String dbUser, String dbPassword, int poolSize,
                  long maxBodyBytes, Accounts accounts, TrustedProxies trustedProxies, MasterKeySettings masterKey,
                  AttachmentSettings attachments) {
        this(port, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts, trustedProxies, masterKey,
                attachments, Operations.defaults());
    }

    /** With the default attachment limits. */
    public Config(int port, Path dataDir, Optional<String> dbUrl, String dbUser, String dbPassword, int poolSize,
                  long maxBodyBytes, Accounts accounts, TrustedProxies trustedProxies, MasterKeySettings masterKey) {
        this(port, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts, trustedProxies, masterKey,
                AttachmentSettings.defaults());
    }

    /**
     * Accounts and sessions.
     *
     * @param adminEmail      with {@code adminPassword}, the super-admin created at first start
     * @param demoPassword    the password of the demo accounts; generated and printed when empty
     * @param sessionIdle     a session ends after this long without a request (30 min by default)
     * @param sessionAbsolute and in any case this long after login (12 h by default)
     * @param loginLimits     the failed logins that lock an account and an address (10 and 50 by default)
     * @param signOn          password login, single sign-on through an OpenID Connect provider, or both
     */
    public record Accounts(Optional<String> adminEmail, Optional<String> adminPassword, Optional<String> demoPassword,
                           Duration sessionIdle, Duration sessionAbsolute, LoginThrottle.Limits loginLimits,
                           SignOnSettings signOn) {

        /** Passwords only. */
        public Accounts(Optional<String> adminEmail, Optional<String> adminPassword, Optional<String> demoPassword,
                        Duration sessionIdle, Duration sessionAbsolute, LoginThrottle.Limits loginLimits) {
            this(adminEmail, adminPassword, demoPassword, sessionIdle, sessionAbsolute, loginLimits,
                    SignOnSettings.passwordOnly());
        }

        public Accounts withSignOn(SignOnSettings settings) {
            return new Accounts(adminEmail, adminPassword, demoPassword, sessionIdle, sessionAbsolute, loginLimits,
                    settings);
        }

        /** With the default login limits. */
        public Accounts(Optional<String> adminEmail, Optional<String> adminPassword, Optional<String> demoPassword,
                        Duration sessionIdle, Duration sessionAbsolute) {
            this(adminEmail, adminPassword, demoPassword, sessionIdle, sessionAbsolute, LoginThrottle.Limits.defaults());
        }

        public static Accounts defaults() {
            return new Accounts(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(30),
                    Duration.ofHours(12));
        }
    }

    /**
     * What monitoring reaches.
     *
     * @param metricsToken the bearer token of {@code GET /metrics} ({@code DOSSIER_METRICS_TOKEN}); without
     *                     one the endpoint answers 404
     */
    public record Operations(Optional<String> metricsToken) {
        public static Operations defaults() {
            return new Operations(Optional.empty());
        }

        static Operations fromMap(Map<String, String> env) {
            return new Operations(nonBlank(env.get("DOSSIER_METRICS_TOKEN")));
        }
    }

    /** What {@link org.dossier.db.Database#open} needs of this configuration. */
    public DatabaseSettings database() {
        return new DatabaseSettings(dbUrl, dbUser, dbPassword, poolSize, dataDir);
    }

    public static Config fromEnvironment() {
        return fromMap(System.getenv());
    }

    static Config fromMap(Map<String, String> env) {
        return new Config(
                Integer.parseInt(env.getOrDefault("PORT", "7070")),
                Path.of(env.getOrDefault("DOSSIER_DATA_DIR", "data")).toAbsolutePath(),
                Optional.ofNullable(env.get("DOSSIER_DB_URL")).filter(url -> !url.isBlank()),
                env.getOrDefault("DOSSIER_DB_USER", "root"),
                env.getOrDefault("DOSSIER_DB_PASSWORD", ""),
                Integer.parseInt(env.getOrDefault("DOSSIER_DB_POOL_SIZE", "16")),
                ONE_MIB,
                new Accounts(
                        nonBlank(env.get("DOSSIER_ADMIN_EMAIL")),
                        nonBlank(env.get("DOSSIER_ADMIN_PASSWORD")),
                        nonBlank(env.get("DOSSIER_DEMO_PASSWORD")),
                        Duration.ofMinutes(Long.parseLong(env.getOrDefault("DOSSIER_SESSION_IDLE_MINUTES", "30"))),
                        Duration.ofHours(Long.parseLong(env.getOrDefault("DOSSIER_SESSION_MAX_HOURS", "12"))),
                        new LoginThrottle.Limits(
                                Integer.parseInt(env.getOrDefault("DOSSIER_LOGIN_ACCOUNT_FAILURES",
                                        Integer.toString(LoginThrottle.Limits.ACCOUNT_FAILURES))),
                                Integer.parseInt(env.getOrDefault("DOSSIER_LOGIN_ADDRESS_FAILURES",
                                        Integer.toString(LoginThrottle.Limits.ADDRESS_FAILURES)))),
                        SignOnSettings.fromMap(env)),
                TrustedProxies.parse(env.get("DOSSIER_TRUSTED_PROXIES")),
                MasterKeySettings.fromMap(env),
                AttachmentSettings.fromMap(env),
                Operations.fromMap(env));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts, trustedProxies,
                masterKey, attachments, operations);
    }

    public Config withSignOn(SignOnSettings settings) {
        return new Config(port, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts.withSignOn(settings),
                trustedProxies, masterKey, attachments);
    }

    public Config withTrustedProxies(TrustedProxies proxies) {
        return new Config(port, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts, proxies, masterKey,
                attachments, operations);
    }

    public Config withMasterKey(MasterKeySettings settings) {
        return new Config(port, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts, trustedProxies,
                settings, attachments, operations);
    }

    public Config withAttachments(AttachmentSettings settings) {
        return new Config(port, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts, trustedProxies,
                masterKey, settings, operations);
    }

    public Config withOperations(Operations settings) {
        return new Config(port, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes, accounts, trustedProxies,
                masterKey, attachments, settings);
    }
}
