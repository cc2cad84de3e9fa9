package org.dossier.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.dossier.tenant.TenantId;
import org.dossier.validation.FieldError;

/**
 * A rule of the service's own on top of the form's schema, run on every save after the schema's
 * validation (e.g. the référent must be one of the service's members).
 */
@FunctionalInterface
public interface RecordCheck {
    RecordCheck NONE = (tenantId, data, stored, locale) -> List.of();

    /**
     * @param data   the data about to be stored
     * @param stored the case file's stored data, null for a new one
     * @return the field errors, empty when the data passes
     */
    List<FieldError> check(TenantId tenantId, JsonNode data, JsonNode stored, Locale locale);

    /**
     * The same rule for one batch of saves (an import's), free to read the service's settings once
     * for the whole batch rather than once per case file.
     */
    default RecordCheck forBatch() {
        return this;
    }
}
