package org.dossier.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Dates as people read them: dd/MM/yyyy in French, ISO in English, times in Paris time. */
public final class Dates {
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter FR_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Dates() {}

    /** Today's date where the services work. */
    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public static String date(String iso, Locale locale) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        try {
            LocalDate date = LocalDate.parse(iso);
            return "fr".equals(locale.getLanguage()) ? FR_DATE.format(date) : date.toString();
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    public static String time(Instant instant, Locale locale) {
        return ("fr".equals(locale.getLanguage()) ? FR_TIME : EN_TIME).format(instant.atZone(ZONE));
    }
}
