/**
 * Single sign-on through an OpenID Connect provider (Keycloak, Entra ID, ProConnect): the provider's
 * metadata and keys, the logins on their way to it (state, nonce and PKCE verifier, kept in the
 * database and used once), and the match of a verified e-mail to an existing account. The provider
 * never creates an account nor gives a right.
 */
package org.dossier.signon;
