package org.dossier.account;

import java.time.Instant;

/**
 * A person who logs in. The e-mail is stored lower-case and is the login name.
 *
 * @param superAdmin         runs the platform; belongs to no service through this flag
 * @param mustChangePassword set when an admin created the account with a one-time password
 */
public record User(long id, String email, String displayName, boolean superAdmin, boolean mustChangePassword,
                   Instant createdAt) {}
