package org.dossier.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One import: an uploaded file, checked by a dry run and then imported, with its totals so far.
 *
 * @param options   how it reads and writes; empty until the first run is asked for
 * @param postCheck the post-import check's result ({@code {"checked", "equal", "mismatches": […]}}); empty before it
 */
public record ImportRun(long id, String formKey, String fileName, ImportFormat format, Optional<ImportOptions> options,
                        Mode mode, Status status, Totals totals, Optional<JsonNode> postCheck, Optional<String> failure,
                        Instant createdAt, String createdBy, Instant updatedAt) {
    /** What the run does: check only, or write. */
    public enum Mode { DRY_RUN, IMPORT }

    /**
     * Where it is. UPLOADED: waiting for its mapping; QUEUED/RUNNING: a task has it; CHECKED: a dry run
     * ended (the file is kept for the import); DONE: imported (the file is gone); REFUSED: an
     * all-or-nothing import found an invalid row and wrote nothing; FAILED: stopped by an error (resumable).
     */
    public enum Status { UPLOADED, QUEUED, RUNNING, CHECKED, DONE, REFUSED, FAILED;

        public boolean active() {
            return this == QUEUED || this == RUNNING;
        }
    }

    /**
     * The counts so far. {@code existing}: rows whose external id was known (updated or skipped);
     * {@code created}/{@code updated}/{@code skipped} only once rows are written.
     */
    public record Totals(int rows, int valid, int invalid, int fresh, int existing, int done) {
        public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);
    }
}
