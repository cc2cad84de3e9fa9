package org.dossier.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The login form's signed token, on clocks and keys the test sets. */
class LoginFormTokensTest {
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final byte[] KEY = "a key of thirty-two bytes, fixed".getBytes(StandardCharsets.US_ASCII);

    private static LoginFormTokens at(Instant now, byte[] key) {
        return new LoginFormTokens(() -> key, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void a_token_is_valid_for_any_node_sharing_the_key_and_within_its_lifetime() {
        String token = at(NOW, KEY).issue();

        assertThat(at(NOW, KEY).isValid(token)).isTrue();
        assertThat(at(NOW.plus(LoginFormTokens.LIFETIME).minusSeconds(1), KEY).isValid(token)).isTrue();
        assertThat(at(NOW.plus(LoginFormTokens.LIFETIME), KEY).isValid(token)).as("expired").isFalse();
        assertThat(at(NOW.minus(Duration.ofMinutes(5)), KEY).isValid(token)).as("issued in the future").isFalse();
        assertThat(at(NOW, "another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII)).isValid(token))
                .isFalse();
    }

    @Test
    void tokens_are_random_and_any_change_breaks_the_signature() {
        LoginFormTokens tokens = at(NOW, KEY);
        String token = tokens.issue();
        String[] parts = token.split("\\.");

        assertThat(tokens.issue()).isNotEqualTo(token);
        assertThat(tokens.isValid(flip(parts[0]) + "." + parts[1] + "." + parts[2])).as("random part").isFalse();
        assertThat(tokens.isValid(parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2])).as("time").isFalse();
        assertThat(tokens.isValid(parts[0] + "." + parts[1] + "." + flip(parts[2]))).as("signature").isFalse();
        for (String garbage : new String[] {null, "", "A".repeat(43), parts[0], token + ".", token + "A",
                parts[0] + "." + "9".repeat(30) + "." + parts[2]}) {
            assertThat(tokens.isValid(garbage)).as("%s", garbage).isFalse();
        }
    }

    private static String flip(String base64) {
        char last = base64.charAt(base64.length() - 1);
        return base64.substring(0, base64.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
