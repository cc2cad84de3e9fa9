package org.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.dossier.account.LoginThrottle;
import org.junit.jupiter.api.Test;

/** The security settings read from the environment: trusted proxies, login limits, the metrics token. */
class ConfigTest {

    @Test
    void by_default_no_proxy_is_trusted_and_the_limits_are_10_per_account_and_50_per_address() {
        Config config = Config.fromMap(Map.of());

        assertThat(config.trustedProxies().clientAddress("10.0.0.5", List.of("203.0.113.7"))).isEqualTo("10.0.0.5");
        assertThat(config.accounts().loginLimits()).isEqualTo(new LoginThrottle.Limits(10, 50));
    }

    @Test
    void the_settings_are_read_and_a_bad_one_stops_the_start() {
        Config config = Config.fromMap(Map.of("DOSSIER_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8",
                "DOSSIER_LOGIN_ACCOUNT_FAILURES", "5", "DOSSIER_LOGIN_ADDRESS_FAILURES", "200"));

        assertThat(config.trustedProxies().clientAddress("10.0.0.5", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(config.withPort(0).trustedProxies().clientAddress("fd00::1", List.of("203.0.113.7")))
                .isEqualTo("203.0.113.7");
        assertThat(config.accounts().loginLimits()).isEqualTo(new LoginThrottle.Limits(5, 200));
        assertThatThrownBy(() -> Config.fromMap(Map.of("DOSSIER_TRUSTED_PROXIES", "lb.internal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lb.internal");
        assertThatThrownBy(() -> Config.fromMap(Map.of("DOSSIER_LOGIN_ADDRESS_FAILURES", "0")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_metrics_token_is_read_kept_across_copies_and_absent_when_blank() {
        Config config = Config.fromMap(Map.of("DOSSIER_METRICS_TOKEN", "s3cret-scraper-token"));

        assertThat(config.operations().metricsToken()).hasValue("s3cret-scraper-token");
        assertThat(config.withPort(0).withTrustedProxies(org.dossier.web.TrustedProxies.none()).operations()
                .metricsToken()).hasValue("s3cret-scraper-token");
        assertThat(Config.fromMap(Map.of("DOSSIER_METRICS_TOKEN", "  ")).operations().metricsToken()).isEmpty();
        assertThat(Config.fromMap(Map.of()).operations().metricsToken()).isEmpty();
    }
}
