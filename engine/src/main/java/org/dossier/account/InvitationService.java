package org.dossier.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * A service admin adding people to the service. Every addition is an invitation the person
 * accepts or declines after signing in; until then it gives no access at all. The admin's answer
 * is the same whether or not the e-mail already has an account, so that no admin learns which
 * e-mails are in use on the platform, nor anything another service knows about them.
 *
 * <p>A person without an account gets one, with a one-time password the admin hands over. So that
 * the page does not tell one case from the other, the admin is shown a one-time password in both
 * cases: for an e-mail that already has an account it is drawn and thrown away (and hashed all
 * the same, so that the answer takes as long), and the page says it only serves a new account.
 */
public final class InvitationService {
    private static final String USER = "user";
    private static final int ONE_TIME_PASSWORD_LENGTH = 16;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final PasswordHasher hasher;
    private final AccountService accounts;
    private final AuditLog audit;
    private final Clock clock;

    public InvitationService(Jdbi jdbi, ObjectMapper json, PasswordHasher hasher, AccountService accounts, AuditLog audit,
                             Clock clock) {
        this.jdbi = jdbi;
        this.json = json;
        this.hasher = hasher;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What the admin is told, identical in form whether or not the account existed.
     *
     * @param oneTimePassword the password of the account if it was created now; otherwise one that
     *                        opens nothing
     */
    public record Invited(String email, String oneTimePassword) {}

    /**
     * Invites a person to the service, in one transaction: a pending membership, and a new account
     * with a one-time password when the e-mail has none.
     *
     * @throws DomainException {@code invalidEmail}, {@code invalidDisplayName} (checked whether or
     *                         not the account exists), {@code alreadyMember} (409) when the person
     *                         already belongs to the service or is invited to it, or
     *                         {@code selfGrant} (403) for a super-admin inviting itself
     */
    public Invited invite(TenantAccess access, String email, String displayName, Role role, boolean confidential,
                          Actor actor) {
        String normalized = AccountService.requireEmail(email);
        String name = AccountService.requireDisplayName(displayName);
        String oneTimePassword = Secrets.password(ONE_TIME_PASSWORD_LENGTH);
        TenantId tenantId = access.tenant().id();
        return jdbi.inTransaction(handle -> {
            MembershipDao memberships = new MembershipDao(handle);
            Optional<User> existing = new UserDao(handle).findByEmail(normalized);
            User user;
            if (existing.isPresent()) {
                user = existing.get();
                AccountService.refuseSelfGrant(access, user.id());
                if (memberships.find(tenantId, user.id()).isPresent()) {
                    throw new DomainException("alreadyMember", 409, "already a member of this service");
                }
                // The same work as for a new account, so that the time taken tells nothing either.
                hasher.hash(oneTimePassword);
            } else {
                user = accounts.createUser(handle, normalized, name, oneTimePassword, false, true);
                audit.recordPlatform(handle, actor, "account.created", USER, Long.toString(user.id()),
                        json.createObjectNode().put("tenantId", tenantId.value()).put("by", "invitation"));
            }
            memberships.insertInvitation(tenantId, user.id(), role, confidential, now());
            // No word here of whether the account is new: the service's log is read by its admins.
            audit.record(handle, tenantId, actor, "membership.invited", USER, Long.toString(user.id()),
                    json.createObjectNode().put("email", user.email()).put("role", role.key())
                            .put("confidential", confidential));
            return new Invited(user.email(), oneTimePassword);
        });
    }

    /** The person's own pending invitations, across services: shown only to that person. */
    public List<Membership> pendingFor(long userId) {
        return jdbi.withHandle(handle -> new MembershipDao(handle).ofUser(userId)).stream()
                .filter(Membership::pending).toList();
    }

    /** The person accepts: the membership becomes active. @throws DomainException {@code noSuchInvitation} (404) */
    public void accept(TenantId tenantId, User user, Actor actor) {
        jdbi.useTransaction(handle -> {
            if (!new MembershipDao(handle).accept(tenantId, user.id(), now())) {
                throw noSuchInvitation();
            }
            audit.record(handle, tenantId, actor, "membership.accepted", USER, Long.toString(user.id()), null);
        });
    }

    /**
     * The person declines: the invitation is removed. The service's log records the refusal
     * without the client address, which the person gave to no service.
     *
     * @throws DomainException {@code noSuchInvitation} (404)
     */
    public void decline(TenantId tenantId, User user) {
        jdbi.useTransaction(handle -> {
            if (!new MembershipDao(handle).deleteInvitation(tenantId, user.id())) {
                throw noSuchInvitation();
            }
            audit.record(handle, tenantId, new Actor(user.email(), null), "membership.declined", USER,
                    Long.toString(user.id()), null);
        });
    }

    /** The service's admin withdraws a pending invitation. @throws DomainException {@code noSuchInvitation} (404) */
    public void withdraw(TenantId tenantId, long userId, Actor actor) {
        jdbi.useTransaction(handle -> {
            if (!new MembershipDao(handle).deleteInvitation(tenantId, userId)) {
                throw noSuchInvitation();
            }
            audit.record(handle, tenantId, actor, "membership.withdrawn", USER, Long.toString(userId), null);
        });
    }

    private static DomainException noSuchInvitation() {
        return new DomainException("noSuchInvitation", 404, "no such pending invitation");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
