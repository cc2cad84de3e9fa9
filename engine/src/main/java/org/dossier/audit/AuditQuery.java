package org.dossier.audit;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Filters of the audit log page; every one is optional.
 *
 * @param actor  exact actor (an e-mail)
 * @param action exact action, e.g. {@code login.failed}
 * @param from   first day included (Paris time)
 * @param to     last day included (Paris time)
 * @param page   1-based
 */
public record AuditQuery(Optional<String> actor, Optional<String> action, Optional<LocalDate> from,
                         Optional<LocalDate> to, int page) {
    public static final int PAGE_SIZE = 50;

    public AuditQuery {
        page = Math.max(1, Math.min(page, 10_000));
    }
}
