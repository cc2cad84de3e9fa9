package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dossier.form.CalendarDate;

/**
 * The {@code x-not-future} keyword: a date field carrying it refuses a date after today (a birth
 * date, for one). JSON Schema cannot say "today", so this walks the data beside the effective schema
 * after everit has checked the format. Only well-formed dates are looked at: a malformed one is
 * already refused by {@code format}.
 */
final class NotFutureDates {
    static final String KEYWORD = "x-not-future";
    static final String CODE = "notFuture";

    private NotFutureDates() {}

    static void check(JsonNode schema, JsonNode value, String pointer, LocalDate today, List<Violation> found) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode child = schema.path("properties").path(field.getKey());
                if (!child.isMissingNode()) {
                    check(child, field.getValue(), JsonPointers.child(pointer, field.getKey()), today, found);
                }
            }
        } else if (value.isArray() && schema.path("items").isObject()) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.path("items"), value.get(i), JsonPointers.child(pointer, i), today, found);
            }
        } else if (value.isTextual() && schema.path(KEYWORD).asBoolean(false)
                && CalendarDate.parse(value.textValue()).filter(date -> date.isAfter(today)).isPresent()) {
            found.add(Violation.of(pointer, CODE));
        }
    }
}
