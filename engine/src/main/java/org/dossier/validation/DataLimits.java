package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.form.ListLimits;

/**
 * The limits checked on record data before anything else walks it (confidential fields, pruning,
 * the schema validator), so that the work a request causes is bounded by the form rather than by
 * what the request holds:
 * <ul>
 *   <li>an array holds at most its schema's {@code maxItems} (every array of the effective schema has
 *       one), and at most {@link ListLimits#MAX_ITEMS} where the form expects no array; its items are
 *       then not looked at, so 300,000 empty rows cost one comparison, not 300,000 row validations;</li>
 *   <li>every number, wherever it stands, is one a record can store: finite, at most
 *       {@link #MAX_DIGITS} significant digits and {@code 10^-15 <= |x| < 10^15} (or zero). A JSON
 *       column keeps numbers as doubles, which hold 15 significant digits; and a number such as
 *       {@code 1e999999999}, harmless to compare, costs a billion digits to subtract or print.</li>
 * </ul>
 * Reports at most {@link #MAX_REPORTED} problems: a post is refused at the first, the rest only help.
 */
final class DataLimits {
    static final int MAX_DIGITS = 15;
    static final int MAX_REPORTED = 50;
    /** The code of a number a record cannot store. */
    static final String NUMBER_RANGE = "numberRange";

    private DataLimits() {}

    /** @return the violations, in document order; empty when the data is within every limit */
    static List<Violation> check(JsonNode effectiveSchema, JsonNode data) {
        List<Violation> found = new ArrayList<>();
        walk(effectiveSchema, data, "", found);
        return found;
    }

    private static void walk(JsonNode schema, JsonNode value, String pointer, List<Violation> found) {
        if (found.size() >= MAX_REPORTED) {
            return;
        }
        if (value.isArray()) {
            int limit = maxItems(schema);
            if (value.size() > limit) {
                found.add(new Violation(pointer, "maxItems", Optional.empty(), List.of(limit)));
                return;
            }
            JsonNode items = schema.path("items");
            for (int i = 0; i < value.size(); i++) {
                walk(items, value.get(i), JsonPointers.child(pointer, i), found);
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                walk(schema.path("properties").path(field.getKey()), field.getValue(),
                        JsonPointers.child(pointer, field.getKey()), found);
            }
        } else if (value.isNumber() && !storable(value)) {
            found.add(new Violation(pointer, NUMBER_RANGE, Optional.empty(), List.of(MAX_DIGITS)));
        }
    }

    private static int maxItems(JsonNode schema) {
        JsonNode maxItems = schema.path("maxItems");
        if (maxItems.canConvertToInt() && maxItems.isIntegralNumber()) {
            return Math.min(Math.max(maxItems.intValue(), 0), ListLimits.MAX_ITEMS);
        }
        return schema.has("items") ? ListLimits.DEFAULT_MAX_ITEMS : ListLimits.MAX_ITEMS;
    }

    /** Whether a JSON number can be stored and read back as it was sent. */
    static boolean storable(JsonNode number) {
        if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
            return false;
        }
        BigDecimal value = number.isFloatingPointNumber() && !number.isBigDecimal()
                ? BigDecimal.valueOf(number.doubleValue()) : number.decimalValue();
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        // precision - scale is the position of the leading digit: 1 for 1..9, -14 for 1e-15.
        long leading = (long) stripped.precision() - stripped.scale();
        return stripped.precision() <= MAX_DIGITS && leading <= MAX_DIGITS && leading >= 1 - MAX_DIGITS;
    }
}
