package org.dossier.account;

import java.time.Instant;
import java.util.Optional;

/**
 * A signed-in browser. The id itself lives only in the cookie; the database keeps its digest.
 *
 * @param csrfToken the token every state-changing form of this session must carry
 */
public record Session(byte[] idHash, User user, String csrfToken, Instant createdAt, Instant lastSeenAt) {

    /** A session as found for a request, with the user's membership in the request's tenant if one was asked. */
    public record Found(Session session, Optional<Membership> membership) {}

    /**
     * What is left of a session that timed out: whose it was, and the CSRF token its pages
     * carried. It signs nobody in; it only names the person whose late post may be kept.
     */
    public record Expired(User user, String csrfToken) {}
}
