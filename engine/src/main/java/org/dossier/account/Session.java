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
}
