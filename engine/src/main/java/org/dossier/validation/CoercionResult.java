package org.dossier.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a form post became: the typed data (values that did not parse are kept as strings so the
 * form can show them back) and the names that could not be placed in it.
 *
 * @param data   the record data shaped by the effective schema; never null
 * @param errors unknown or malformed field names, each with the path it points at; not yet the schema's verdict
 */
public record CoercionResult(ObjectNode data, List<FieldError> errors) {
    public CoercionResult {
        errors = List.copyOf(errors);
    }
}
