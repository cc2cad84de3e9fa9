package org.dossier.account;

import org.dossier.metrics.ProductMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Users, their memberships in services, and logins. Every change that matters to an
 * admin (login, logout, membership) writes an audit event in the same transaction.
 */
public final class AccountService {
    private static final String USER = "user";
    private static final int ONE_TIME_PASSWORD_LENGTH = 16;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final ProductMetrics metrics;

    public AccountService(Jdbi jdbi, ObjectMapper json, PasswordHasher hasher, LoginThrottle throttle, AuditLog audit,
                          Clock clock) {
        this(jdbi, json, hasher, throttle, audit, clock, ProductMetrics.none());
    }

    /** @param metrics counts the logins refused for wrong credentials and those refused by the throttle */
    public AccountService(Jdbi jdbi, ObjectMapper json, PasswordHasher hasher, LoginThrottle throttle, AuditLog audit,
                          Clock clock, ProductMetrics metrics) {
        this.metrics = metrics;
        this.jdbi = jdbi;
        this.json = json;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /** A member just added; {@code oneTimePassword} is set when the account was created for them. */
    public record AddedMember(User user, Optional<String> oneTimePassword) {}

    // ---- logins -------------------------------------------------------------------------------

    /**
     * Checks an e-mail and password, with throttling.
     *
     * @throws LoginRefusedException with the same message for an unknown e-mail and a wrong password,
     *                               a lockout after too many failures, or, for the right password,
     *                               when every service of the person is suspended
     */
    public User login(String email, String password, String clientAddress) {
        String normalized = Emails.normalize(email);
        // Counted before the password is checked, so that concurrent guesses cannot outrun the limit.
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(normalized, clientAddress);
        } catch (LoginRefusedException locked) {
            metrics.loginThrottled();
            throw locked;
        }
        Optional<User> user;
        Optional<String> hash;
        boolean ok;
        try {
            user = jdbi.withHandle(handle -> new UserDao(handle).findByEmail(normalized));
            hash = user.flatMap(found -> jdbi.withHandle(handle -> new UserDao(handle).passwordHash(found.id())));
            if (hash.isPresent()) {
                ok = hasher.verify(password, hash.get());
            } else {
                hasher.verifyDecoy(password);
                ok = false;
            }
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        Actor actor = new Actor(normalized, clientAddress);
        if (!ok) {
            attempt.failed();
            metrics.loginFailed();
            jdbi.useTransaction(handle -> auditForUser(handle, user, actor, "login.failed", null));
            throw LoginRefusedException.invalidCredentials();
        }
        if (!user.get().superAdmin()
                && jdbi.withHandle(handle -> new MembershipDao(handle).onlyInSuspendedServices(user.get().id()))) {
            // Neither a failure nor a success for the throttle: the password was right, the door is shut.
            attempt.abandoned();
            jdbi.useTransaction(handle -> auditForUser(handle, user, actor, "login.refused",
                    json.createObjectNode().put("reason", "servicesSuspended")));
            throw LoginRefusedException.servicesSuspended();
        }
        attempt.succeeded();
        jdbi.useTransaction(handle -> {
            if (hasher.needsRehash(hash.get())) {
                new UserDao(handle).setPassword(user.get().id(), hasher.hash(password), user.get().mustChangePassword(), now());
            }
            auditForUser(handle, user, actor, "login.succeeded", null);
        });
        return user.get();
    }

    public void loggedOut(User user, String clientAddress, String how) {
        jdbi.useTransaction(handle -> auditForUser(handle, Optional.of(user), new Actor(user.email(), clientAddress),
                "logout", json.createObjectNode().put("how", how)));
    }

    /**
     * Writes a person's own event (login, logout, token, password) to the platform log only. It
     * belongs to their account, not to the services they work in: a service's log says what
     * happened in that service, and an admin who once added someone must not follow where and
     * when that person signs in. Super-admins read these events at {@code /admin/audit}.
     */
    public void auditForUser(Handle handle, Optional<User> user, Actor actor, String action, ObjectNode details) {
        audit.recordPlatform(handle, actor, action, USER, user.map(found -> Long.toString(found.id())).orElse(null),
                details);
    }

    // ---- users --------------------------------------------------------------------------------

    public Optional<User> findByEmail(String email) {
        return jdbi.withHandle(handle -> new UserDao(handle).findByEmail(Emails.normalize(email)));
    }

    public Optional<User> findById(long id) {
        return jdbi.withHandle(handle -> new UserDao(handle).findById(id));
    }

    /** Creates an account inside the caller's transaction. @throws DomainException on a bad or taken e-mail */
    public User createUser(Handle handle, String email, String displayName, String password, boolean superAdmin,
                           boolean mustChangePassword) {
        String normalized = requireEmail(email);
        String name = requireDisplayName(displayName);
        PasswordPolicy.require(password, normalized);
        UserDao users = new UserDao(handle);
        if (users.findByEmail(normalized).isPresent()) {
            throw new DomainException("emailTaken", 409, "an account already uses this e-mail");
        }
        Instant now = now();
        long id = users.insert(normalized, name, hasher.hash(password), superAdmin, mustChangePassword, now);
        return new User(id, normalized, name, superAdmin, mustChangePassword, now);
    }

    /**
     * The first super-admin, from the environment or the {@code create-admin} command. An existing
     * account with that e-mail becomes super-admin and keeps its password.
     *
     * @return the account, and whether it was created
     */
    public User ensureSuperAdmin(String email, String displayName, String password, Actor actor) {
        return jdbi.inTransaction(handle -> {
            UserDao users = new UserDao(handle);
            Optional<User> existing = users.findByEmail(Emails.normalize(email));
            User user;
            if (existing.isPresent()) {
                users.setSuperAdmin(existing.get().id(), true);
                user = existing.get();
            } else {
                user = createUser(handle, email, displayName, password, true, false);
            }
            audit.recordPlatform(handle, actor, "superadmin.granted", USER, Long.toString(user.id()),
                    json.createObjectNode().put("email", user.email()));
            return new User(user.id(), user.email(), user.displayName(), true, user.mustChangePassword(), user.createdAt());
        });
    }

    public long countSuperAdmins() {
        return jdbi.withHandle(handle -> new UserDao(handle).countSuperAdmins());
    }

    // ---- memberships --------------------------------------------------------------------------

    public Optional<Membership> activeMembership(TenantId tenantId, long userId) {
        return jdbi.withHandle(handle -> new MembershipDao(handle).find(tenantId, userId)).filter(Membership::active);
    }

    /** The user's own active memberships, across services. */
    public List<Membership> membershipsOf(long userId) {
        return jdbi.withHandle(handle -> new MembershipDao(handle).ofUser(userId)).stream()
                .filter(Membership::active).toList();
    }

    public List<MembershipDao.Member> members(TenantId tenantId) {
        return jdbi.withHandle(handle -> new MembershipDao(handle).members(tenantId));
    }

    /**
     * Adds an active member at once, inside the caller's transaction: a new service's first admin,
     * named by the super-admin who creates it, and the demo's people. A service's admin adds people
     * through {@link InvitationService} instead, which asks them first. An unknown e-mail gets a new
     * account with a one-time password, to be changed at first login; a known one keeps its password.
     *
     * @throws DomainException {@code alreadyMember} when the person already belongs to the service
     */
    public AddedMember addMember(Handle handle, TenantId tenantId, String email, String displayName, Role role,
                                 boolean confidential, Actor actor) {
        String normalized = requireEmail(email);
        UserDao users = new UserDao(handle);
        MembershipDao memberships = new MembershipDao(handle);
        Optional<User> existing = users.findByEmail(normalized);
        Optional<String> oneTimePassword = Optional.empty();
        User user;
        if (existing.isPresent()) {
            user = existing.get();
            if (memberships.find(tenantId, user.id()).isPresent()) {
                throw new DomainException("alreadyMember", 409, "already a member of this service");
            }
        } else {
            String password = Secrets.password(ONE_TIME_PASSWORD_LENGTH);
            user = createUser(handle, normalized, displayName, password, false, true);
            oneTimePassword = Optional.of(password);
        }
        memberships.insert(tenantId, user.id(), role, confidential, now());
        audit.record(handle, tenantId, actor, "membership.created", USER, Long.toString(user.id()),
                json.createObjectNode().put("email", user.email()).put("role", role.key())
                        .put("confidential", confidential).put("newAccount", existing.isEmpty()));
        return new AddedMember(user, oneTimePassword);
    }

    /**
     * Changes a member's role, grant or activity. A service always keeps one active admin. A
     * pending invitation cannot be changed (activating it would skip the person's consent): the
     * admin withdraws it and invites again.
     *
     * @throws DomainException {@code noSuchMember} (404), {@code invitationPending} (409),
     *                         {@code lastAdmin} (409) or {@code selfGrant} (403)
     */
    public void changeMember(TenantAccess access, long userId, Role role, boolean confidential, boolean active,
                             Actor actor) {
        TenantId tenantId = access.tenant().id();
        refuseSelfGrant(access, userId);
        jdbi.useTransaction(handle -> {
            MembershipDao dao = new MembershipDao(handle);
            List<Membership> all = dao.lockAll(tenantId);
            Membership before = all.stream().filter(m -> m.userId() == userId).findFirst()
                    .orElseThrow(() -> new DomainException("noSuchMember", 404, "no such member"));
            if (before.pending()) {
                throw new DomainException("invitationPending", 409, "the person has not accepted the invitation yet");
            }
            boolean removesAnAdmin = before.active() && before.role() == Role.ADMIN && (role != Role.ADMIN || !active);
            long activeAdmins = all.stream().filter(m -> m.active() && m.role() == Role.ADMIN).count();
            if (removesAnAdmin && activeAdmins <= 1) {
                throw new DomainException("lastAdmin", 409, "a service keeps at least one active admin");
            }
            dao.update(tenantId, userId, role, confidential, active, now());
            String action = before.active() == active ? "membership.changed"
                    : active ? "membership.reactivated" : "membership.deactivated";
            audit.record(handle, tenantId, actor, action, USER, Long.toString(userId), json.createObjectNode()
                    .put("role", role.key()).put("previousRole", before.role().key())
                    .put("confidential", confidential).put("previousConfidential", before.confidential())
                    .put("active", active));
        });
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * A super-admin manages a service's users by its platform role, not by a membership: it must not
     * use that to give itself a place, a role or the confidential grant in the service. Another admin
     * of the service does it, by an invitation the super-admin then accepts like anyone else. A
     * super-admin who is an active admin of the service acts as that admin, as its colleagues do.
     *
     * @throws DomainException {@code selfGrant} (403)
     */
    static void refuseSelfGrant(TenantAccess access, long userId) {
        if (access.membership().isEmpty() && access.user().id() == userId) {
            throw new DomainException("selfGrant", 403,
                    "a super-admin cannot add itself to a service or change its own rights there");
        }
    }

    static String requireEmail(String email) {
        String normalized = Emails.normalize(email);
        if (!Emails.isValid(normalized)) {
            throw new DomainException("invalidEmail", 422, "not an e-mail address");
        }
        return normalized;
    }

    static String requireDisplayName(String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new DomainException("invalidDisplayName", 422, "a name of 1 to 200 characters is required");
        }
        return name;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
