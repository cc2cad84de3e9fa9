/**
 * People and their access: accounts with Argon2id password hashes, memberships with a role and
 * the confidential grant per service, invitations, sessions and API tokens kept as digests, the
 * login throttle, and the platform secrets that sign login form tokens.
 */
package org.dossier.account;
