/**
 * Access requests (GDPR Art. 15 and 20): finding a person across a service's case files, archived
 * ones included ({@link org.dossier.accessrequest.PersonSearch}), and the export of everything the
 * service holds on them in one case file ({@link org.dossier.accessrequest.AccessExport}): its data
 * under its labels, its history of changes, who read and changed it, and its retention dates; as
 * a ZIP with the bytes of its files too ({@link org.dossier.accessrequest.AccessArchive}).
 */
package org.dossier.accessrequest;
