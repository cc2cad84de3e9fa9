package org.dossier.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * What a save does with the files its data names (attachment/AttachmentService): inside the save's
 * transaction, the staged files it names become the case file's and those it no longer names are
 * deleted; after the commit, the deleted files' bytes leave the store.
 */
public interface CaseFileAttachments {
    /** Nothing to do: a service without attachments (unit tests of the save). */
    CaseFileAttachments NONE = new CaseFileAttachments() {
        @Override
        public boolean link(Handle handle, TenantId tenantId, RecordId id, JsonNode effectiveSchema, JsonNode data,
                            Locale locale) {
            return false;
        }

        @Override
        public void afterCommit() {}

        @Override
        public boolean names(JsonNode effectiveSchema, JsonNode data) {
            return false;
        }
    };

    /**
     * @return whether objects were queued for deletion (run {@link #afterCommit} once committed)
     * @throws RecordValidationException when the data names an unknown file or the case file's files
     *                                   pass their limit; the caller's transaction then rolls back
     */
    boolean link(Handle handle, TenantId tenantId, RecordId id, JsonNode effectiveSchema, JsonNode data, Locale locale);

    /** Whether the data names any file: a new case file that names none has nothing to {@link #link}. */
    default boolean names(JsonNode effectiveSchema, JsonNode data) {
        return true;
    }

    /** Deletes the objects of the files the committed saves dropped. */
    void afterCommit();
}
