package org.dossier.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.dossier.tenant.TenantId;

/**
 * A case file as stored.
 *
 * @param schemaVersion the form version its data was last validated against
 * @param lockVersion   optimistic-locking counter; an update names the one it read ("version" in the API)
 */
public record CaseRecord(
        TenantId tenantId,
        RecordId id,
        String formKey,
        int schemaVersion,
        JsonNode data,
        int lockVersion,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
