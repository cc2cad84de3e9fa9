package org.dossier.record;

import java.time.Instant;

/** One line of the case-file list, read from the indexed columns without parsing the JSON. */
public record RecordSummary(RecordId id, String lastName, String firstName, String birthDate, String status,
                            Instant updatedAt, String antenne, String referent, String openedOn) {}
