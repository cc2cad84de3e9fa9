/**
 * Exports of a service's case files as CSV, XLSX and JSON lines: the columns (every field of every
 * form version the exported files were saved under), the masking of what the reader may not see,
 * the streaming writers, and the ZIP that holds the data file with the case files' files. Plain
 * Java: the web layer hands an output stream.
 */
package org.dossier.export;
