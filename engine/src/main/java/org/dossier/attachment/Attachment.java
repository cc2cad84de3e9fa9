package org.dossier.attachment;

import java.time.Instant;
import java.util.Optional;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;

/**
 * One file of a case file, as the database describes it (its bytes: {@link #key()} in the store).
 *
 * @param recordId    empty while staged: uploaded, the save naming it not yet committed
 * @param fieldPath   JSON Pointer of the file field in the case file, e.g. {@code /accompagnement/pieces_justificatives}
 * @param fileName    the name as given by whoever uploaded it; shown escaped, never used as a path
 * @param contentType detected from the bytes ({@link ContentTypes})
 */
public record Attachment(TenantId tenantId, String id, Optional<RecordId> recordId, String fieldPath, String fileName,
                         String contentType, long size, String sha256, Instant createdAt, String createdBy) {

    public ObjectKey key() {
        return new ObjectKey(tenantId, id);
    }

    /** Whether the file field this attachment belongs to sits at or under a confidential schema location. */
    public boolean under(Iterable<String> confidentialLocations) {
        for (String location : confidentialLocations) {
            if (FileFields.within(location, fieldPath)) {
                return true;
            }
        }
        return false;
    }
}
