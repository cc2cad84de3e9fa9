package org.dossier.retention;

import java.time.Instant;
import org.dossier.retention.Retention.Phase;

/**
 * The one rule for a case file's phase: {@link Retention} from its last activity, except that a
 * case file under a legal hold is active whatever its last activity (never archived, never
 * deleted while the hold stands). Pages, the records API, the list and the lifecycle job all ask
 * here; the phase is computed, never stored.
 */
public final class CaseFilePhase {
    private CaseFilePhase() {}

    public static Phase of(Retention retention, Instant lastActivity, boolean held) {
        return held ? Phase.ACTIVE : retention.phase(lastActivity);
    }

    /** Whether a case file in this phase refuses writes: archived and due-for-deletion files are read-only. */
    public static boolean readOnly(Phase phase) {
        return phase != Phase.ACTIVE;
    }
}
