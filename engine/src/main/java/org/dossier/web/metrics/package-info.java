/**
 * The HTTP side of observability: a request id on every answer and in the log lines of its request,
 * one log line and one timer sample per request by route template, and the {@code /metrics}
 * endpoint behind its bearer token. The registry itself is {@code org.dossier.metrics}'.
 */
package org.dossier.web.metrics;
