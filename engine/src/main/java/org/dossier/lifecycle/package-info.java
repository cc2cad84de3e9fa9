/**
 * The lifecycle of a service, run by super-admins: suspension (its members are shut out, its data
 * kept), resumption, and deletion of everything it holds in one transaction, leaving an audit
 * tombstone with counts and no personal data. Plain Java on JDBI: the pages, the API and the
 * command line call the same two classes.
 */
package org.dossier.lifecycle;
