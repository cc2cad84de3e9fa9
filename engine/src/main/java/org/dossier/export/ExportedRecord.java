package org.dossier.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.dossier.record.RecordId;
import org.dossier.retention.Retention;

/**
 * One case file as the reader may see it in an export: its data masked (see {@link ExportMasking}).
 *
 * @param formVersion the form version it was last saved under
 */
public record ExportedRecord(RecordId id, int formVersion, Retention.Phase phase, Instant createdAt,
                             Instant updatedAt, JsonNode data) {}
