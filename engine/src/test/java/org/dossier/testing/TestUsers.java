package org.dossier.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dossier.Services;
import org.dossier.account.PasswordHasher;
import org.dossier.account.Role;
import org.dossier.account.TokenStore;
import org.dossier.account.User;
import org.dossier.account.UserDao;
import org.dossier.account.MembershipDao;
import org.dossier.tenant.Tenant;

/**
 * Accounts for tests, with unique e-mails. They share one password whose Argon2id hash is
 * computed once per JVM, so that creating many users costs no hashing.
 */
public final class TestUsers {
    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static String hash;

    private TestUsers() {}

    private static synchronized String hash() {
        if (hash == null) {
            hash = new PasswordHasher().hash(PASSWORD);
        }
        return hash;
    }

    public static User user(Services services, String prefix, boolean superAdmin) {
        String email = prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + "@test.example";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long id = services.jdbi().inTransaction(handle ->
                new UserDao(handle).insert(email, "User " + email, hash(), superAdmin, false, now));
        return new User(id, email, "User " + email, superAdmin, false, now);
    }

    public static User member(Services services, Tenant tenant, Role role, boolean confidential) {
        User user = user(services, role.key(), false);
        join(services, user, tenant, role, confidential);
        return user;
    }

    public static void join(Services services, User user, Tenant tenant, Role role, boolean confidential) {
        services.jdbi().useTransaction(handle -> new MembershipDao(handle)
                .insert(tenant.id(), user.id(), role, confidential, Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    public static User superAdmin(Services services) {
        return user(services, "super", true);
    }

    /** A personal API token of the user, issued directly in the database. */
    public static String token(Services services, User user) {
        return services.jdbi().inTransaction(handle ->
                services.tokens().issue(handle, user.id(), "test", TokenStore.PERSONAL, Duration.ofDays(1)).secret());
    }
}
