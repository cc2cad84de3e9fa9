package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dossier.form.CompiledForm;
import org.dossier.form.VisibleWhen;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;

/**
 * Validates record data against a form's effective schema and returns one error per field and
 * rule, with the JSON Pointer of the exact field: a missing required field is reported on the field
 * itself ({@code /identite/nom}), also when the rule comes from an {@code if}/{@code then}; an
 * undefined key on that key. Errors come in the order the form shows its fields.
 */
public final class RecordValidator {
    /**
     * "Today" for {@code x-not-future} is the date in the easternmost time zone, so that nobody's
     * today, wherever they are, counts as the future.
     */
    private static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(14);

    private final Messages messages;
    private final Clock clock;

    public RecordValidator(Messages messages) {
        this(messages, Clock.systemUTC());
    }

    public RecordValidator(Messages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public List<FieldError> validate(CompiledForm form, JsonNode data, Locale locale) {
        return validate(form.validator(), form.effectiveSchema(), data, locale);
    }

    /**
     * The limits that bound the work on some data (see {@link DataLimits}): lists no longer than
     * their {@code maxItems}, numbers a record can store. Cheap, and meant to run before anything
     * else walks posted data; {@link #validate} checks them first too.
     *
     * @return the errors, empty when the data is within every limit
     */
    public List<FieldError> limits(CompiledForm form, JsonNode data, Locale locale) {
        return DataLimits.check(form.effectiveSchema(), data).stream()
                .map(violation -> phrase(form.effectiveSchema(), violation, locale)).toList();
    }

    /**
     * @param schema          everit schema loaded from {@code effectiveSchema}
     * @param effectiveSchema the same schema as JSON, for the order of fields
     * @param data            the record data, a JSON object
     * @return the errors, empty when the data is valid
     */
    public List<FieldError> validate(Schema schema, JsonNode effectiveSchema, JsonNode data, Locale locale) {
        List<Violation> beyond = DataLimits.check(effectiveSchema, data);
        if (!beyond.isEmpty()) {
            return beyond.stream().map(violation -> phrase(effectiveSchema, violation, locale)).toList();
        }
        List<Violation> violations = new ArrayList<>();
        try {
            schema.validate(VisibleWhen.toEveritData(data));
        } catch (ValidationException exception) {
            violations.addAll(ViolationMapper.map(exception, data));
        }
        NotFutureDates.check(effectiveSchema, data, "", LocalDate.now(clock.withZone(LATEST_ZONE)), violations);
        if (violations.isEmpty()) {
            return List.of();
        }
        List<Violation> unique = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Violation violation : violations) {
            if (seen.add(violation.pointer() + " " + violation.code())) {
                unique.add(violation);
            }
        }
        SchemaOrder order = new SchemaOrder(effectiveSchema);
        unique.sort((left, right) -> order.compare(left.pointer(), right.pointer()));
        return unique.stream().map(violation -> phrase(effectiveSchema, violation, locale)).toList();
    }

    private FieldError phrase(JsonNode effectiveSchema, Violation violation, Locale locale) {
        return messages.fieldError(effectiveSchema, violation.pointer(), violation.code(), violation.detail(), locale,
                violation.arguments().toArray());
    }
}
