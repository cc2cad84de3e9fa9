package org.dossier.retention;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When the nightly lifecycle pass runs, from {@code DOSSIER_LIFECYCLE_AT}: a time of day in Paris
 * ({@code HH:mm}, 02:30 by default), or {@code off} for no nightly pass (the command still runs one).
 */
public record LifecycleSchedule(Optional<LocalTime> at) {
    public static final LocalTime DEFAULT = LocalTime.of(2, 30);

    /** Reads the variable's value; null or blank gives the default. */
    public static LifecycleSchedule parse(String value) {
        if (value == null || value.isBlank()) {
            return new LifecycleSchedule(Optional.of(DEFAULT));
        }
        if (value.strip().equalsIgnoreCase("off")) {
            return new LifecycleSchedule(Optional.empty());
        }
        try {
            return new LifecycleSchedule(Optional.of(LocalTime.parse(value.strip())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("DOSSIER_LIFECYCLE_AT must be HH:mm (Paris time) or off, not: " + value, e);
        }
    }

    public static LifecycleSchedule fromEnvironment() {
        return parse(System.getenv("DOSSIER_LIFECYCLE_AT"));
    }
}
