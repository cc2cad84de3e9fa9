package org.dossier.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Keys that every app node must share, in {@code platform_secrets}: generated once by the first
 * node that asks for one, then read by all. In the database rather than in a setting, because the
 * nodes already share it and trust it with every session; a configured key would be one more
 * thing to hand to each node, identically, and to keep out of logs and process lists.
 */
public final class PlatformSecrets {
    private static final int KEY_BYTES = 32;

    private final Jdbi jdbi;
    private final Clock clock;

    public PlatformSecrets(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The key named {@code name}, created now if no node has created it yet. */
    public byte[] key(String name) {
        byte[] candidate = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(candidate);
        return jdbi.withExtension(PlatformSecretsDao.class, dao -> {
            // INSERT IGNORE: when two nodes start at once, the first row wins and both read it.
            dao.insertIfAbsent(name, candidate, clock.instant().truncatedTo(ChronoUnit.MICROS));
            return dao.secret(name);
        });
    }
}
