package org.dossier.accessrequest;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Who an access request is about: a last name and a first name (each matched from its start,
 * ignoring case and accents, as the database's collation compares) and a birth date (exact).
 */
public record PersonQuery(Optional<String> lastName, Optional<String> firstName, Optional<LocalDate> birthDate) {
    /** The longest name searched: the width of the indexed columns. */
    public static final int MAX_NAME = 150;

    public PersonQuery {
        lastName = lastName.map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
        firstName = firstName.map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
    }

    /** A search needs a last name or a birth date: a first name alone would list half the service. */
    public boolean searchable() {
        return lastName.isPresent() || birthDate.isPresent();
    }
}
