/**
 * The retention lifecycle of case files: active, then archived read-only, then deleted, by the
 * last activity and the service's {@link org.dossier.retention.RetentionPolicy} (by default active
 * in the current and previous calendar years, archived for the four years before, deleted after
 * that). The one place that says where those years begin, for the pages, the statistics and the
 * deletion job, and where a super-admin changes a service's durations ({@code RetentionSettings}).
 */
package org.dossier.retention;
