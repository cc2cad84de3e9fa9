package org.dossier.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalesTest {
    private static Locale resolve(String explicit, String header) {
        return Locales.resolve(Optional.ofNullable(explicit), Optional.ofNullable(header));
    }

    @Test
    void french_when_nothing_is_asked() {
        assertThat(resolve(null, null)).isEqualTo(Locale.FRENCH);
        assertThat(resolve(null, "")).isEqualTo(Locale.FRENCH);
    }

    @Test
    void english_when_the_browser_prefers_it() {
        assertThat(resolve(null, "en-GB,en;q=0.9")).isEqualTo(Locale.ENGLISH);
        assertThat(resolve(null, "de-DE,de;q=0.9,en;q=0.8,fr;q=0.5")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void q_values_decide_not_the_order_written() {
        assertThat(resolve(null, "en;q=0.3,fr;q=0.9")).isEqualTo(Locale.FRENCH);
        assertThat(resolve(null, "fr;q=0.2,en")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void unsupported_or_regional_french_gives_french() {
        assertThat(resolve(null, "de")).isEqualTo(Locale.FRENCH);
        assertThat(resolve(null, "fr-CH")).isEqualTo(Locale.FRENCH);
        assertThat(resolve(null, "*")).isEqualTo(Locale.FRENCH);
        assertThat(resolve(null, "not a header;;q=x")).isEqualTo(Locale.FRENCH);
    }

    @Test
    void explicit_language_wins_over_the_header() {
        assertThat(resolve("fr", "en-GB,en;q=0.9")).isEqualTo(Locale.FRENCH);
        assertThat(resolve("en", "fr-FR")).isEqualTo(Locale.ENGLISH);
        assertThat(resolve("EN-us", null)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void unsupported_explicit_language_leaves_the_choice_to_the_header() {
        assertThat(resolve("de", "en")).isEqualTo(Locale.ENGLISH);
        assertThat(resolve("de", null)).isEqualTo(Locale.FRENCH);
    }
}
