/** The {@code Idempotency-Key} header of the API's creating POSTs, over {@link org.dossier.idempotency.IdempotencyKeys}. */
package org.dossier.web.idempotency;
