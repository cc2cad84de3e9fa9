package org.dossier.signon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How single sign-on is configured from the environment, and the settings that stop the start. */
class SignOnSettingsTest {
    private static Map<String, String> provider() {
        Map<String, String> env = new HashMap<>();
        env.put("DOSSIER_OIDC_ISSUER", "https://auth.example/realms/dossier");
        env.put("DOSSIER_OIDC_CLIENT_ID", "dossier");
        env.put("DOSSIER_OIDC_CLIENT_SECRET", "s3cret");
        env.put("DOSSIER_OIDC_REDIRECT_URI", "https://dossier.example/auth/oidc/callback");
        return env;
    }

    @Test
    void without_an_issuer_only_passwords_are_used() {
        SignOnSettings settings = SignOnSettings.fromMap(Map.of());

        assertThat(settings.provider()).isEmpty();
        assertThat(settings.passwordLogin()).isTrue();
    }

    @Test
    void a_provider_is_read_with_its_defaults() {
        SignOnSettings.Provider provider = SignOnSettings.fromMap(provider()).provider().orElseThrow();

        assertThat(provider.issuer()).isEqualTo(URI.create("https://auth.example/realms/dossier"));
        assertThat(provider.clientId()).isEqualTo("dossier");
        assertThat(provider.redirectUri()).isEqualTo(URI.create("https://dossier.example/auth/oidc/callback"));
        assertThat(provider.scopes()).isEqualTo("openid email profile");
        assertThat(provider.emailsVerified()).isFalse();
        assertThat(provider.acrValues()).isEmpty();
        assertThat(provider.clientAuth()).isEmpty();
    }

    @Test
    void proconnect_like_settings_are_read() {
        Map<String, String> env = provider();
        env.put("DOSSIER_OIDC_SCOPES", "openid email given_name usual_name");
        env.put("DOSSIER_OIDC_NAME", "ProConnect");
        env.put("DOSSIER_OIDC_EMAILS_VERIFIED", "true");
        env.put("DOSSIER_OIDC_ACR_VALUES", "eidas1");
        env.put("DOSSIER_PASSWORD_LOGIN", "off");
        env.put("DOSSIER_OIDC_CLIENT_AUTH", "POST");

        SignOnSettings settings = SignOnSettings.fromMap(env);

        assertThat(settings.passwordLogin()).isFalse();
        SignOnSettings.Provider provider = settings.provider().orElseThrow();
        assertThat(provider.name()).isEqualTo("ProConnect");
        assertThat(provider.scopes()).isEqualTo("openid email given_name usual_name");
        assertThat(provider.emailsVerified()).isTrue();
        assertThat(provider.acrValues()).contains("eidas1");
        assertThat(provider.clientAuth()).contains("post");
    }

    @Test
    void an_unknown_client_authentication_stops_the_start() {
        Map<String, String> env = provider();
        env.put("DOSSIER_OIDC_CLIENT_AUTH", "private_key_jwt");

        assertThatThrownBy(() -> SignOnSettings.fromMap(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basic or post");
    }

    @Test
    void an_issuer_without_its_client_stops_the_start() {
        Map<String, String> env = provider();
        env.remove("DOSSIER_OIDC_CLIENT_SECRET");

        assertThatThrownBy(() -> SignOnSettings.fromMap(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOSSIER_OIDC_CLIENT_SECRET");
    }

    @Test
    void scopes_without_openid_stop_the_start() {
        Map<String, String> env = provider();
        env.put("DOSSIER_OIDC_SCOPES", "email profile");

        assertThatThrownBy(() -> SignOnSettings.fromMap(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openid");
    }

    @Test
    void password_login_off_without_a_provider_stops_the_start() {
        assertThatThrownBy(() -> SignOnSettings.fromMap(Map.of("DOSSIER_PASSWORD_LOGIN", "off")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOSSIER_OIDC_ISSUER");
        assertThat(new SignOnSettings(Optional.empty(), true).passwordLogin()).isTrue();
    }
}
