package org.dossier.db;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the database layer needs to know to open its pool: an external server, or the directory of
 * the embedded one. Built by the caller from its own configuration, so that this package does not
 * depend on the application's settings as a whole.
 *
 * @param url      the JDBC URL of an external MySQL 8 or MariaDB; empty to start the embedded MariaDB
 * @param user     the user of the external server (the embedded one has its own)
 * @param password the password of the external server
 * @param poolSize the largest number of pooled connections
 * @param dataDir  where the embedded MariaDB keeps its files
 */
public record DatabaseSettings(Optional<String> url, String user, String password, int poolSize, Path dataDir) {
    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** Without the password, which must not reach a log. */
    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + ", dataDir=" + dataDir + "]";
    }
}
