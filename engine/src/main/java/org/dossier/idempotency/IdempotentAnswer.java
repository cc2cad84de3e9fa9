package org.dossier.idempotency;

import java.util.Optional;

/** The answer given to the first request with a key: what a retry of it receives again. */
public record IdempotentAnswer(int status, Optional<String> location, String body) {}
