package org.dossier.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}),
 * with OWASP's recommended minimum parameters. The parameters travel inside each hash, so they
 * can be raised later and old hashes still verify (and are re-hashed at the next login).
 */
public final class PasswordHasher {
    /** Memory in KiB, iterations, lanes, output bytes. */
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    /** A hash of nothing anyone knows, verified for unknown e-mails so both paths take as long. */
    private final String decoy = hash(Secrets.token(24));

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean verify(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH || hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of one verification, for a login whose e-mail is unknown. */
    public void verifyDecoy(String password) {
        verify(password == null ? "" : password, decoy);
    }

    /** True when the hash was made with weaker parameters than today's. */
    public boolean needsRehash(String hash) {
        return !hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }
}
