package org.dossier.history;

import java.time.Instant;
import java.util.List;

/**
 * One save in a case file's history.
 *
 * @param lockVersion   the version of the case file this save produced (1: its creation)
 * @param schemaVersion the form version the save went through
 * @param changes       the fields it changed, masked for a reader without the grant
 */
public record ChangeEntry(int lockVersion, Instant changedAt, String changedBy, String formKey, int schemaVersion,
                          List<FieldChange> changes) {
    public boolean creation() {
        return lockVersion == 1;
    }

    /** Whether this reader sees any confidential value here (its display is then an audited read). */
    public boolean revealsConfidential() {
        return changes.stream().anyMatch(change -> change.confidential() && !change.masked());
    }
}
