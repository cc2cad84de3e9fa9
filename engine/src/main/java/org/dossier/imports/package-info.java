/**
 * Imports of case files from CSV, XLSX and JSON lines into a service's form: the file read as a
 * stream, its columns mapped to fields (by key or label, adjusted and saved per service and form),
 * every row coerced and validated exactly as a form post; a dry run that writes nothing, then an
 * import in batches through the record service with a ledger per run (a run cut short resumes, a
 * re-run never duplicates: external ids), and a post-import check read back from the database.
 * Plain Java: the web pages and the command line sit on top.
 */
package org.dossier.imports;
