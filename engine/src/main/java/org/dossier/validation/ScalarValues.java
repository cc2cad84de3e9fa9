package org.dossier.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.form.LocalDateTimes;

/**
 * Converts one posted string to the JSON value its schema asks for. A value that does not parse is
 * kept as the trimmed string so the form can show it back; the validator then reports {@code type}.
 */
final class ScalarValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);
    /** Spaces people and browsers put between thousands: space, no-break space, narrow no-break, thin. */
    private static final String GROUP_SPACE = "[ \\u00A0\\u202F\\u2009]";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+([.,]\\d+)?");
    private static final Pattern GROUPED_NUMBER = Pattern.compile("[+-]?\\d{1,3}(" + GROUP_SPACE + "\\d{3})+([.,]\\d+)?");
    /** Longer numbers are not money or counts; parsing them is wasted work. */
    private static final int MAX_NUMBER_LENGTH = 40;
    private static final Pattern FRENCH_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");

    private ScalarValues() {}

    /** Trims and normalises line ends; an empty result means the field was left blank. */
    static Optional<String> clean(String raw) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n').strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** @return the typed value, or empty when the posted value is blank */
    static Optional<JsonNode> convert(JsonNode schema, String raw) {
        return clean(raw).map(text -> switch (SchemaTypes.typeOf(schema)) {
            case "integer" -> integer(text);
            case "number" -> number(text);
            case "boolean" -> bool(text);
            default -> string(schema, text);
        });
    }

    private static JsonNode string(JsonNode schema, String text) {
        if ("date-time".equals(schema.path("format").asText())) {
            return JSON.textNode(LocalDateTimes.toRfc3339(text));
        }
        if ("date".equals(schema.path("format").asText())) {
            // Without a date picker people type jj/mm/aaaa; the record stores ISO dates.
            Matcher french = FRENCH_DATE.matcher(text);
            if (french.matches()) {
                return JSON.textNode(String.format("%s-%02d-%02d", french.group(3),
                        Integer.parseInt(french.group(2)), Integer.parseInt(french.group(1))));
            }
        }
        return JSON.textNode(text);
    }

    private static JsonNode bool(String text) {
        return switch (text) {
            case "true", "on" -> JSON.booleanNode(true);
            case "false" -> JSON.booleanNode(false);
            default -> JSON.textNode(text);
        };
    }

    private static JsonNode integer(String text) {
        return parseDecimal(text).<JsonNode>map(value -> {
            try {
                return integral(value.toBigIntegerExact());
            } catch (ArithmeticException fractional) {
                return JSON.numberNode(value); // the validator says "whole number expected"
            }
        }).orElseGet(() -> JSON.textNode(text));
    }

    private static JsonNode number(String text) {
        return parseDecimal(text).<JsonNode>map(value -> value.signum() == 0 || value.stripTrailingZeros().scale() <= 0
                ? integral(value.toBigIntegerExact())
                : JSON.numberNode(value)).orElseGet(() -> JSON.textNode(text));
    }

    /** The smallest node that holds the value, as Jackson itself would read it from JSON. */
    private static JsonNode integral(BigInteger value) {
        if (value.bitLength() < Integer.SIZE) {
            return JSON.numberNode(value.intValue());
        }
        return value.bitLength() < Long.SIZE ? JSON.numberNode(value.longValue()) : JSON.numberNode(value);
    }

    /** Accepts {@code 12.5}, the French {@code 12,5} and thousands separated by spaces, {@code 1 200}. */
    static Optional<BigDecimal> parseDecimal(String text) {
        if (text.length() > MAX_NUMBER_LENGTH
                || !(PLAIN_NUMBER.matcher(text).matches() || GROUPED_NUMBER.matcher(text).matches())) {
            return Optional.empty();
        }
        String normalised = text.replaceAll(GROUP_SPACE, "").replace(',', '.');
        return Optional.of(new BigDecimal(normalised));
    }
}
