/**
 * Offboarding a service, run by super-admins: suspension (its members are shut out, its data
 * kept), resumption, and deletion of everything it holds in one transaction, leaving an audit
 * tombstone with counts and no personal data. Its case files go through the one deletion path of
 * case files, {@link org.dossier.retention.CaseFileErasure}. Not to be confused with the data
 * lifecycle of case files (active, archived, deleted), which lives in {@code retention}.
 * Plain Java on JDBI: the pages, the API and the command line call the same two classes.
 */
package org.dossier.offboarding;
