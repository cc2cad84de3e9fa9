package org.dossier.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.dossier.form.BaseSchema;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormCompiler;
import org.junit.jupiter.api.Test;

/** Dates on every date field of the base form: strictly YYYY-MM-DD in years 1 to 9999, births not ahead. */
class DatesTest {
    private static final CompiledForm BASE = new FormCompiler().compile("dossier", 1, BaseSchema.baseSchema());
    /** 09:00 UTC on 2026-06-15 is 23:00 at UTC+14: still the 15th everywhere. */
    private static final Clock NOON_UTC = Clock.fixed(Instant.parse("2026-06-15T09:00:00Z"), ZoneOffset.UTC);
    private final RecordValidator validator = new RecordValidator(new Messages(), NOON_UTC);

    private static ObjectNode record(String birthDate, String openingDate) {
        ObjectNode data = Fixtures.JSON.createObjectNode();
        data.putObject("accompagnement").put("statut", "en_cours").put("date_ouverture", openingDate);
        data.putObject("identite").put("nom", "Durand").put("prenom", "Inès").put("date_naissance", birthDate);
        return data;
    }

    private List<FieldError> errors(ObjectNode data, Locale locale) {
        return validator.validate(BASE, data, locale);
    }

    @Test
    void dates_outside_the_calendar_are_refused_on_every_date_field() {
        for (String bad : List.of("-2025-01-01", "+12025-01-01", "0000-01-01", "2025-1-01", "2025-02-30", "20250101",
                "2025-01-01T00:00", " 2025-01-01", "١٩٨٤-٠٢-٢٩")) {
            assertThat(errors(record(bad, bad), Locale.FRENCH)).as(bad)
                    .extracting(FieldError::path, FieldError::code, FieldError::message).containsExactly(
                            tuple("/accompagnement/date_ouverture", "format",
                                    "La date d'ouverture doit être une date réelle, par exemple 15/03/2025"),
                            tuple("/identite/date_naissance", "format",
                                    "La date de naissance doit être une date réelle, par exemple 27/03/1985"));
        }
    }

    @Test
    void dates_of_years_one_to_9999_are_accepted() {
        assertThat(errors(record("1984-02-29", "9999-12-31"), Locale.FRENCH)).isEmpty();
        assertThat(errors(record("0001-01-01", "0001-01-01"), Locale.FRENCH)).isEmpty();
    }

    @Test
    void a_birth_date_after_today_is_refused_in_french_and_english_today_is_accepted() {
        assertThat(errors(record("2026-06-15", "2030-01-01"), Locale.FRENCH)).as("today, and a planned opening").isEmpty();

        assertThat(errors(record("2026-06-16", "2026-01-01"), Locale.FRENCH))
                .extracting(FieldError::path, FieldError::code, FieldError::message)
                .containsExactly(tuple("/identite/date_naissance", "notFuture", "La date de naissance doit être dans le passé"));
        assertThat(errors(record("9999-12-31", "2026-01-01"), Locale.ENGLISH))
                .extracting(FieldError::message).containsExactly("Date of birth must be in the past");
    }

    @Test
    void a_household_members_birth_date_after_today_is_refused_on_its_row() {
        ObjectNode data = record("1980-01-01", "2026-01-01");
        data.putArray("membres_foyer").addObject().put("nom", "Durand").put("prenom", "Léo").put("lien", "enfant")
                .put("date_naissance", "2027-01-01");

        assertThat(errors(data, Locale.FRENCH)).extracting(FieldError::path, FieldError::code)
                .containsExactly(tuple("/membres_foyer/0/date_naissance", "notFuture"));
    }
}
