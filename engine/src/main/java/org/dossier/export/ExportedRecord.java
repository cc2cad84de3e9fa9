package org.dossier.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.dossier.record.RecordId;
import org.dossier.retention.Retention;

/**
 * One case file as the reader may see it in an export: its data masked (see {@link ExportMasking}).
 *
 * @param formVersion the form version it was last saved under
 * @param files       its files that go into the export's ZIP (empty when the export has no files)
 */
public record ExportedRecord(RecordId id, int formVersion, Retention.Phase phase, Instant createdAt,
                             Instant updatedAt, JsonNode data, List<ExportedFile> files) {
    public ExportedRecord(RecordId id, int formVersion, Retention.Phase phase, Instant createdAt, Instant updatedAt,
                          JsonNode data) {
        this(id, formVersion, phase, createdAt, updatedAt, data, List.of());
    }

    ExportedRecord withFiles(JsonNode data, List<ExportedFile> files) {
        return new ExportedRecord(id, formVersion, phase, createdAt, updatedAt, data, List.copyOf(files));
    }
}
