package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The client address behind reverse proxies, spoofing attempts included. */
class TrustedProxiesTest {
    private static final String PROXY = "10.0.0.5";
    private static final String CLIENT = "203.0.113.7";
    private static final TrustedProxies OURS = TrustedProxies.parse("10.0.0.0/24, 192.168.1.1, 2001:db8:a::/48");

    private static String client(TrustedProxies proxies, String peer, String... forwardedFor) {
        return proxies.clientAddress(peer, List.of(forwardedFor));
    }

    @Test
    void trusting_nobody_the_client_is_the_peer_whatever_the_header_says() {
        TrustedProxies none = TrustedProxies.parse("");

        assertThat(client(none, CLIENT)).isEqualTo(CLIENT);
        assertThat(client(none, CLIENT, "198.51.100.1")).isEqualTo(CLIENT);
        assertThat(client(none, PROXY, "198.51.100.1")).as("a proxy that is not configured is anyone").isEqualTo(PROXY);
        assertThat(client(TrustedProxies.none(), "[0:0:0:0:0:0:0:1]", "198.51.100.1")).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void from_a_peer_that_is_not_trusted_the_header_is_ignored_entirely() {
        assertThat(client(OURS, CLIENT, "10.0.0.9")).isEqualTo(CLIENT);
        assertThat(client(OURS, CLIENT, "198.51.100.1, 10.0.0.9")).isEqualTo(CLIENT);
        assertThat(client(OURS, CLIENT, "garbage")).isEqualTo(CLIENT);
    }

    @Test
    void behind_a_trusted_proxy_the_client_is_the_address_the_proxy_appended() {
        assertThat(client(OURS, PROXY, CLIENT)).isEqualTo(CLIENT);
        assertThat(client(OURS, PROXY, " " + CLIENT + " ")).isEqualTo(CLIENT);
    }

    @Test
    void a_client_writing_its_own_header_only_adds_entries_to_the_left_which_are_never_believed() {
        assertThat(client(OURS, PROXY, "198.51.100.1, " + CLIENT)).as("a forged address").isEqualTo(CLIENT);
        assertThat(client(OURS, PROXY, "10.0.0.9, " + CLIENT)).as("forging one of our proxies").isEqualTo(CLIENT);
        assertThat(client(OURS, PROXY, "198.51.100.1", CLIENT)).as("a forged header before the proxy's own")
                .isEqualTo(CLIENT);
        assertThat(client(OURS, PROXY, "garbage, " + CLIENT)).as("garbage to the left is never reached")
                .isEqualTo(CLIENT);
    }

    @Test
    void through_a_chain_of_trusted_proxies_the_right_most_untrusted_address_is_the_client() {
        assertThat(client(OURS, PROXY, "198.51.100.1, " + CLIENT + ", 10.0.0.8, 192.168.1.1")).isEqualTo(CLIENT);
        assertThat(client(OURS, PROXY, "198.51.100.1, " + CLIENT, "10.0.0.8", "192.168.1.1"))
                .as("the same hops in several headers").isEqualTo(CLIENT);
    }

    @Test
    void a_malformed_entry_where_a_proxy_should_have_written_makes_the_peer_the_client() {
        for (String header : List.of("garbage", "unknown", "", " ", CLIENT + ",", CLIENT + ", ,10.0.0.8",
                "203.0.113.256", "203.0.113", "203.0.113.07", "example.org", "localhost", "2001:db8::g",
                "fe80::1%eth0", CLIENT + ", 10.0.0.8 10.0.0.9")) {
            assertThat(client(OURS, PROXY, header)).as("X-Forwarded-For: %s", header).isEqualTo(PROXY);
        }
        assertThat(client(OURS, PROXY)).as("no header at all").isEqualTo(PROXY);
        assertThat(client(OURS, PROXY, "10.0.0.8, 192.168.1.1")).as("only our own proxies").isEqualTo(PROXY);
    }

    @Test
    void ipv6_addresses_and_ranges_are_understood_and_given_in_one_canonical_form() {
        assertThat(client(OURS, "2001:db8:a::1", "2001:db8:ffff::42")).isEqualTo("2001:db8:ffff:0:0:0:0:42");
        assertThat(client(OURS, "[2001:db8:a:0:0:0:0:1]", "[2001:db8:ffff::42]:51234"))
                .as("brackets and a port, as some proxies write them").isEqualTo("2001:db8:ffff:0:0:0:0:42");
        assertThat(client(OURS, "2001:db8:b::1", "2001:db8:ffff::42")).as("outside the /48").isEqualTo("2001:db8:b:0:0:0:0:1");
        assertThat(client(OURS, PROXY, "2001:db8:a::7, 2001:db8:a::9")).as("only our IPv6 proxies").isEqualTo(PROXY);
        assertThat(client(OURS, PROXY, "::ffff:203.0.113.7")).as("an IPv4-mapped address is IPv4").isEqualTo(CLIENT);
        assertThat(client(OURS, "::ffff:10.0.0.5", CLIENT)).as("a mapped peer matches an IPv4 range").isEqualTo(CLIENT);
        assertThat(client(OURS, PROXY, CLIENT + ":443")).as("an IPv4 address with a port").isEqualTo(CLIENT);
    }

    @Test
    void ranges_cover_exactly_their_prefix() {
        TrustedProxies odd = TrustedProxies.parse("172.16.0.0/12");
        assertThat(client(odd, "172.31.255.255", CLIENT)).isEqualTo(CLIENT);
        assertThat(client(odd, "172.32.0.0", CLIENT)).isEqualTo("172.32.0.0");
        assertThat(client(odd, "172.15.255.255", CLIENT)).isEqualTo("172.15.255.255");
        TrustedProxies hostBits = TrustedProxies.parse("10.1.2.3/16");
        assertThat(client(hostBits, "10.1.200.1", CLIENT)).as("host bits past the prefix are ignored").isEqualTo(CLIENT);
        TrustedProxies everyone = TrustedProxies.parse("0.0.0.0/0, ::/0");
        assertThat(client(everyone, "198.51.100.1", "192.0.2.1, " + CLIENT))
                .as("every hop a proxy: no entry is the client, not even the left-most").isEqualTo("198.51.100.1");
    }

    @Test
    void a_setting_that_is_not_addresses_and_ranges_is_refused_at_start() {
        for (String setting : List.of("10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8/8", "proxy.example.org", "10.0.0",
                "2001:db8::/129", "[2001:db8::1]", "10.0.0.1:80", "10.0.0.0/-1", "10.0.0.1 10.0.0.2")) {
            assertThatThrownBy(() -> TrustedProxies.parse(setting)).as(setting)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DOSSIER_TRUSTED_PROXIES");
        }
        assertThat(client(TrustedProxies.parse(" , 10.0.0.5 ,"), PROXY, CLIENT)).as("blanks are ignored").isEqualTo(CLIENT);
        assertThat(client(TrustedProxies.parse(null), PROXY, CLIENT)).isEqualTo(PROXY);
    }
}
