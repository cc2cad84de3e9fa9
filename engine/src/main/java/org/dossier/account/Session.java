package org.dossier.account;

import java.time.Instant;

/**
 * A signed-in browser. The id itself lives only in the cookie; the database keeps its digest.
 *
 * @param csrfToken the token every state-changing form of this session must carry
 */
public record Session(byte[] idHash, User user, String csrfToken, Instant createdAt, Instant lastSeenAt) {}
