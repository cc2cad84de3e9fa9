/**
 * Who may call what: every route is registered through {@link org.dossier.web.auth.AccessRoutes} with
 * its guard (open, signed-in user, member of the service in the URL with a permission, super-admin);
 * sessions and bearer tokens are authenticated here, and state-changing posts carry a CSRF token.
 */
package org.dossier.web.auth;
