package org.dossier.retention;

import java.time.Instant;

/** A legal hold on a case file: why, by whom, since when. */
public record Hold(String reason, String placedBy, Instant placedAt) {}
