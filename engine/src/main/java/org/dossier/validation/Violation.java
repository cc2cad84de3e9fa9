package org.dossier.validation;

import java.util.List;
import java.util.Optional;

/**
 * One schema violation tied to one field, before it is phrased.
 *
 * @param pointer   JSON Pointer of the field concerned
 * @param code      the JSON Schema keyword
 * @param detail    what refines the code for the message: a format name or the expected type
 * @param arguments message arguments taken from the violated schema
 */
record Violation(String pointer, String code, Optional<String> detail, List<Object> arguments) {
    Violation {
        arguments = List.copyOf(arguments);
    }

    static Violation of(String pointer, String code) {
        return new Violation(pointer, code, Optional.empty(), List.of());
    }
}
