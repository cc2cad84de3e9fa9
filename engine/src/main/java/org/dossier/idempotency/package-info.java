/**
 * Idempotent creation: the first answer to a client's {@code Idempotency-Key}, kept a day per
 * service, replayed to a retry of the same request, and the hourly purge of old keys.
 */
package org.dossier.idempotency;
