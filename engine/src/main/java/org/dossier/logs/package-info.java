/**
 * How log lines are written: plain text for a person at a terminal, or one JSON object per line
 * for a log pipeline ({@code DOSSIER_LOG_FORMAT=json}), chosen in {@code logback.xml}.
 */
package org.dossier.logs;
