/**
 * The retention lifecycle of case files: active in the current and previous calendar years,
 * archived for the four years before, deleted after that. The one place that says where those
 * years begin, for the statistics today and for the deletion job.
 */
package org.dossier.retention;
