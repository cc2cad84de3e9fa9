package org.dossier.offboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dossier.account.LoginThrottle;
import org.dossier.audit.AuditLog;
import org.dossier.audit.AuditRedaction;
import org.dossier.offboarding.OffboardingDao.Account;
import org.dossier.tenant.TenantId;

/**
 * The accounts a service's deletion leaves with no membership anywhere. An account is personal
 * data (e-mail, name, password hash) kept only so that its owner can work in a service: once the
 * last service it belonged to is gone, it goes too, with its sessions, API tokens and login
 * throttling counters, and with its own events in the platform log (sign-ins, tokens, password),
 * which name the person and belong to the account, not to any service (those events stay in the
 * platform's audit chain, redacted of everything that named the person). A super-admin's account stays (it runs the platform), and so does the
 * account of anyone with a membership in another service, even an inactive one: that service's
 * admin may reactivate it, and its own log refers to it.
 */
final class OrphanAccounts {
    private final List<Account> candidates;

    private OrphanAccounts(List<Account> candidates) {
        this.candidates = candidates;
    }

    /** The members of the service, not super-admin, with no membership in any other service. */
    static OrphanAccounts find(OffboardingDao dao, TenantId tenantId) {
        return new OrphanAccounts(dao.orphanCandidates(tenantId));
    }

    /** Counts, for the confirmation page, the accounts, sessions and tokens the deletion would remove. */
    static void count(OffboardingDao dao, TenantId tenantId, Map<DeletedKind, Long> counts) {
        OrphanAccounts orphans = find(dao, tenantId);
        List<Long> ids = orphans.ids();
        counts.put(DeletedKind.ACCOUNTS, (long) ids.size());
        counts.put(DeletedKind.SESSIONS, ids.isEmpty() ? 0L : dao.countSessions(ids));
        counts.put(DeletedKind.API_TOKENS, ids.isEmpty() ? 0L : dao.countApiTokens(ids));
        counts.put(DeletedKind.ACCOUNT_EVENTS, orphans.candidates.isEmpty() ? 0L
                : dao.countOwnEvents(AuditLog.PLATFORM_TENANT, targets(ids), emails(orphans.candidates)));
    }

    /**
     * Deletes the accounts, once the service's memberships are gone. Each one is checked again in
     * the statement itself, under InnoDB's locks: a membership given meanwhile in another service
     * keeps the account.
     */
    void delete(OffboardingDao dao, Map<DeletedKind, Long> deleted) {
        List<Long> ids = ids();
        if (ids.isEmpty()) {
            deleted.put(DeletedKind.ACCOUNTS, 0L);
            deleted.put(DeletedKind.SESSIONS, 0L);
            deleted.put(DeletedKind.API_TOKENS, 0L);
            deleted.put(DeletedKind.ACCOUNT_EVENTS, 0L);
            return;
        }
        deleted.put(DeletedKind.ACCOUNTS, (long) dao.deleteAccountsWithoutMembership(ids));
        List<Long> kept = dao.existingUsers(ids);
        List<Account> gone = candidates.stream().filter(account -> !kept.contains(account.id())).toList();
        if (gone.isEmpty()) {
            deleted.put(DeletedKind.SESSIONS, 0L);
            deleted.put(DeletedKind.API_TOKENS, 0L);
            deleted.put(DeletedKind.ACCOUNT_EVENTS, 0L);
            return;
        }
        List<Long> goneIds = gone.stream().map(Account::id).toList();
        deleted.put(DeletedKind.SESSIONS, (long) dao.deleteSessions(goneIds));
        deleted.put(DeletedKind.API_TOKENS, (long) dao.deleteApiTokens(goneIds));
        List<byte[]> throttleKeys = new ArrayList<>();
        for (Account account : gone) {
            // A digest of the e-mail, personal data all the same.
            throttleKeys.add(LoginThrottle.accountKey(account.email()));
        }
        dao.deleteThrottleKeys(throttleKeys);
        // Their events stay in the platform's chain, emptied of everything that named them: deleting
        // them would break the chain, redacting them keeps it verifiable (see AuditRedaction).
        deleted.put(DeletedKind.ACCOUNT_EVENTS, (long) new AuditRedaction().redact(dao.getHandle(),
                AuditLog.PLATFORM_TENANT, dao.ownEvents(AuditLog.PLATFORM_TENANT, targets(goneIds), emails(gone)),
                AuditRedaction.EVERYTHING));
    }

    /** The accounts as the platform log names them when they are the target of an event. */
    private static List<String> targets(List<Long> ids) {
        return ids.stream().map(id -> Long.toString(id)).toList();
    }

    private static List<String> emails(List<Account> accounts) {
        return accounts.stream().map(Account::email).toList();
    }

    private List<Long> ids() {
        return candidates.stream().map(Account::id).toList();
    }
}
