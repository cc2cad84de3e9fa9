package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.ConstSchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;

/**
 * Maps everit's tree of exceptions to violations on exact fields. everit reports {@code required}
 * and {@code additionalProperties} on the object that holds the key; the key itself is found from
 * the violated schema and the data, never from the message text (which is English and may change).
 */
final class ViolationMapper {
    private ViolationMapper() {}

    static List<Violation> map(ValidationException root, JsonNode data) {
        List<Violation> violations = new ArrayList<>();
        for (ValidationException leaf : leaves(root, new ArrayList<>())) {
            violations.addAll(mapLeaf(leaf, data));
        }
        return violations;
    }

    /** Wrappers ("3 schema violations found", allOf, then) carry causes; only leaves name a broken rule. */
    private static List<ValidationException> leaves(ValidationException exception, List<ValidationException> found) {
        if (exception.getCausingExceptions().isEmpty()) {
            found.add(exception);
        }
        List<ValidationException> causes = exception.getCausingExceptions();
        if ("else".equals(exception.getKeyword()) && causes.size() == 2) {
            // everit reports a failed else with the if's own failure first: that one broke no rule.
            causes = causes.subList(1, 2);
        }
        for (ValidationException cause : causes) {
            leaves(cause, found);
        }
        return found;
    }

    private static List<Violation> mapLeaf(ValidationException leaf, JsonNode data) {
        String pointer = JsonPointers.fromEverit(leaf.getPointerToViolation());
        String code = leaf.getKeyword() == null ? "invalid" : leaf.getKeyword();
        Schema violated = leaf.getViolatedSchema();
        JsonNode value = data.at(JsonPointer.compile(pointer));
        if (violated instanceof ObjectSchema objectSchema && value.isObject()) {
            if (code.equals("required")) {
                return perKey(pointer, code, missingKeys(objectSchema, value));
            }
            if (code.equals("additionalProperties")) {
                return perKey(pointer, code, extraKeys(objectSchema, value));
            }
        }
        return List.of(new Violation(pointer, code, detail(code, violated), arguments(code, violated)));
    }

    private static List<Violation> perKey(String pointer, String code, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of(Violation.of(pointer, code)); // should not happen; keep the error rather than lose it
        }
        return keys.stream().map(key -> Violation.of(JsonPointers.child(pointer, key), code)).toList();
    }

    private static List<String> missingKeys(ObjectSchema schema, JsonNode value) {
        return schema.getRequiredProperties().stream().filter(key -> !value.has(key)).toList();
    }

    /** The effective schema uses no patternProperties, so a key outside {@code properties} is extra. */
    private static List<String> extraKeys(ObjectSchema schema, JsonNode value) {
        List<String> extra = new ArrayList<>();
        Iterator<String> names = value.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!schema.getPropertySchemas().containsKey(name)) {
                extra.add(name);
            }
        }
        return extra;
    }

    private static Optional<String> detail(String code, Schema violated) {
        if (code.equals("format") && violated instanceof StringSchema string && string.getFormatValidator() != null) {
            return Optional.of(string.getFormatValidator().formatName());
        }
        if (code.equals("type")) {
            return Optional.of(expectedType(violated));
        }
        return Optional.empty();
    }

    private static String expectedType(Schema violated) {
        if (violated instanceof NumberSchema number) {
            return number.requiresInteger() ? "integer" : "number";
        }
        String simpleName = violated.getClass().getSimpleName(); // BooleanSchema, StringSchema, ArraySchema…
        return simpleName.replace("Schema", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static List<Object> arguments(String code, Schema violated) {
        Object argument = switch (code) {
            case "minLength" -> violated instanceof StringSchema s ? s.getMinLength() : null;
            case "maxLength" -> violated instanceof StringSchema s ? s.getMaxLength() : null;
            case "pattern" -> violated instanceof StringSchema s && s.getPattern() != null ? s.getPattern().toString() : null;
            case "minimum" -> violated instanceof NumberSchema n ? n.getMinimum() : null;
            case "maximum" -> violated instanceof NumberSchema n ? n.getMaximum() : null;
            case "exclusiveMinimum" -> violated instanceof NumberSchema n ? exclusive(n.getExclusiveMinimumLimit(), n.getMinimum()) : null;
            case "exclusiveMaximum" -> violated instanceof NumberSchema n ? exclusive(n.getExclusiveMaximumLimit(), n.getMaximum()) : null;
            case "multipleOf" -> violated instanceof NumberSchema n ? n.getMultipleOf() : null;
            case "minItems" -> violated instanceof ArraySchema a ? a.getMinItems() : null;
            case "maxItems" -> violated instanceof ArraySchema a ? a.getMaxItems() : null;
            case "enum" -> violated instanceof EnumSchema e ? String.join(", ", e.getPossibleValues().stream().map(String::valueOf).toList()) : null;
            case "const" -> violated instanceof ConstSchema c ? String.valueOf(c.getPermittedValue()) : null;
            default -> null;
        };
        return argument == null ? List.of() : List.of(argument);
    }

    /** Draft 6+ gives the limit itself; draft 4 flags {@code minimum}/{@code maximum} as exclusive. */
    private static Number exclusive(Number limit, Number fallback) {
        return limit != null ? limit : fallback;
    }
}
