/** The pages of access requests: the search of a person across the service, and one case file's export. */
package org.dossier.web.accessrequest;
