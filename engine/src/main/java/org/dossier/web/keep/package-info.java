/**
 * The web side of work kept when a session expires: keeping a late page post, handing it back to
 * its form page, the login page's notice, and the endpoint that extends a session.
 */
package org.dossier.web.keep;
