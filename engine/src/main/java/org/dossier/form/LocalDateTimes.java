package org.dossier.form;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The two spellings of a {@code format: date-time} value: a browser's datetime-local input gives a
 * local date and time without a zone ({@code 2026-03-01T14:30}); the record stores RFC 3339 with
 * seconds and the offset of {@link #ZONE} at that moment ({@code 2026-03-01T14:30:00+01:00}). A stored
 * value in another offset is shown in that zone. Text that is neither is left as it is, so the form
 * shows it back and the validator reports {@code format}.
 */
public final class LocalDateTimes {
    /** The zone in which people read and type times: the services' own. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private static final Pattern LOCAL_INPUT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private LocalDateTimes() {}

    /** Whether {@code text} is what a datetime-local input posts. */
    public static boolean isLocalInput(String text) {
        return LOCAL_INPUT.matcher(text).matches();
    }

    /** A datetime-local value as RFC 3339 in {@link #ZONE}; anything else unchanged. */
    public static String toRfc3339(String text) {
        if (!isLocalInput(text)) {
            return text;
        }
        try {
            return LocalDateTime.parse(text).atZone(ZONE).format(RFC_3339);
        } catch (DateTimeParseException invalid) {
            return text; // 2026-02-30T10:00: kept, the validator refuses it
        }
    }

    /** An RFC 3339 value as a datetime-local input shows it, in {@link #ZONE}; anything else unchanged. */
    public static String toLocalInput(String text) {
        if (text.isEmpty() || isLocalInput(text)) {
            return text;
        }
        try {
            LocalDateTime local = OffsetDateTime.parse(text).atZoneSameInstant(ZONE).toLocalDateTime();
            return local.getSecond() == 0 && local.getNano() == 0 ? local.format(MINUTES) : local.format(SECONDS);
        } catch (DateTimeParseException notRfc3339) {
            return text;
        }
    }
}
