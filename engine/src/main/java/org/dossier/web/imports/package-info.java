/**
 * The import of case files on the web: the admin's pages (upload, mapping, dry-run report, run
 * status) and the API; the work is the engine's ({@code org.dossier.imports}).
 */
package org.dossier.web.imports;
