package org.dossier.accessrequest;

import java.time.LocalDate;
import org.dossier.record.RecordId;
import org.dossier.retention.Retention;

/**
 * A case file an access request may concern.
 *
 * @param phase     active, archived or due for deletion (a held case file counts as active)
 * @param deletedOn the day it is due for deletion, as the lifecycle stands today
 */
public record PersonMatch(RecordId id, String formKey, String lastName, String firstName, String birthDate,
                          Retention.Phase phase, boolean held, LocalDate deletedOn) {}
