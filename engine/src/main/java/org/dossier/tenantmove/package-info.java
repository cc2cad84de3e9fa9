/**
 * A service moved whole: {@code tenant export} writes one archive of everything of a service (its
 * row and its customisation, every tenant-scoped table's rows, its members by e-mail, the
 * attachments' bytes, its audit log, its data key wrapped by a passphrase) and {@code tenant import}
 * loads it into this or another installation, under the same or a new slug, in one transaction or
 * not at all. Plain Java on JDBI and JDBC: the command line calls it; no web layer here.
 */
package org.dossier.tenantmove;
