package org.dossier.form;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;
import org.everit.json.schema.FormatValidator;

/**
 * The {@code date} format, strictly: {@code YYYY-MM-DD}, a year from 0001 to 9999, a day that
 * exists. everit's own accepted what ISO-8601 allows beyond that ({@code -2025-01-01},
 * {@code +12025-01-01}, year {@code 0000}), which the database's DATE columns then cut.
 */
public final class CalendarDate implements FormatValidator {
    private static final Pattern SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** @return the date, when {@code text} is one in the strict form */
    public static Optional<LocalDate> parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches() || text.startsWith("0000")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text, STRICT));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> validate(String subject) {
        return parse(subject).isPresent() ? Optional.empty()
                : Optional.of(String.format("[%s] is not a valid date. Expected [yyyy-MM-dd]", subject));
    }

    @Override
    public String formatName() {
        return "date";
    }
}
