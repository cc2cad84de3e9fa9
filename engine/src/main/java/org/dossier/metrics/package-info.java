/**
 * What an operator measures: the registry behind {@code GET /metrics} (JVM, connection pool, the
 * product's own counters) and the usage of each service (case files, attachment bytes, database
 * bytes), measured by a recurring task of the node's scheduler. Plain Java over Micrometer: the
 * HTTP side (request timers, the endpoint, the request id) lives in {@code web/metrics}.
 */
package org.dossier.metrics;
