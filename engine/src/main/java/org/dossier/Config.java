package org.dossier;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Runtime configuration, read from the environment once at start-up.
 *
 * <p>With no {@code DOSSIER_DB_URL} the server runs on an embedded MariaDB whose files live under
 * {@code dataDir}; with it, it connects to an external MySQL 8 or MariaDB.
 */
public record Config(
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int poolSize,
        long maxBodyBytes) {

    public static final long ONE_MIB = 1024L * 1024L;

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
                ONE_MIB);
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, dbUrl, dbUser, dbPassword, poolSize, maxBodyBytes);
    }

}
