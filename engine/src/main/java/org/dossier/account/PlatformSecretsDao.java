package org.dossier.account;

import java.time.Instant;
import org.jdbi.v3.sqlobject.SingleValue;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The platform table of shared keys; not scoped by tenant. */
interface PlatformSecretsDao {

    /** Stores the key unless one of that name exists: when two nodes start at once, the first row wins. */
    @SqlUpdate("""
            INSERT IGNORE INTO platform_secrets (name, secret, created_at) VALUES (:name, :secret, :now)
            """)
    void insertIfAbsent(@Bind("name") String name, @Bind("secret") byte[] secret, @Bind("now") Instant now);

    /** One value, not one row per byte: without {@code @SingleValue} an array return type means rows. */
    @SqlQuery("SELECT secret FROM platform_secrets WHERE name = :name")
    @SingleValue
    byte[] secret(@Bind("name") String name);
}
