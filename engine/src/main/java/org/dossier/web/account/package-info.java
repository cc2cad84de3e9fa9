/** People and their access: sign-in and the token API, the home page, one's account, password, tokens and invitations, and a service's users. */
package org.dossier.web.account;
