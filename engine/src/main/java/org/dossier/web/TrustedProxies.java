package org.dossier.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} this server believes
 * ({@code DOSSIER_TRUSTED_PROXIES}: IPv4 and IPv6 addresses and CIDR ranges), and the client
 * address a request comes from. Plain Java, so that it is tested without a server.
 *
 * <p>Each proxy appends the address it received the request from, so the header's entries are,
 * from right to left, written by our proxies until the first entry about a machine that is not
 * ours; everything to its left was sent by the client and proves nothing. The client is therefore
 * the right-most entry that is not a trusted proxy, never the left-most.
 *
 * <p>Addresses are only ever parsed as literals: no text from a request reaches a DNS lookup.
 */
public final class TrustedProxies {
    public static final String HEADER = "X-Forwarded-For";

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)](?::\\d{1,5})?");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):\\d{1,5}");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Trusts nobody: the client is always the direct peer. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * Reads the setting: addresses and ranges separated by commas, blanks ignored.
     *
     * @throws IllegalArgumentException naming the first entry that is neither, so that a typo stops
     *                                  the server at start instead of silently trusting less or more
     */
    public static TrustedProxies parse(String setting) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : (setting == null ? "" : setting).split(",")) {
            String text = entry.strip();
            if (!text.isEmpty()) {
                ranges.add(Range.parse(text).orElseThrow(() -> new IllegalArgumentException(
                        "DOSSIER_TRUSTED_PROXIES: not an IP address or CIDR range: " + text)));
            }
        }
        return new TrustedProxies(ranges);
    }

    /**
     * The client address of a request.
     *
     * @param peer         the address of the direct peer, as the server socket saw it
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order
     * @return the peer when it is not a trusted proxy (the header is then ignored entirely);
     *         otherwise the right-most forwarded address that is not a trusted proxy, or the peer
     *         when an entry met on the way is malformed or every entry is a trusted proxy.
     *         Addresses come back in Java's canonical text form, without brackets.
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        Optional<InetAddress> direct = literal(peer);
        if (direct.isEmpty()) {
            return peer == null ? "" : unbracketed(peer);
        }
        if (!trusts(direct.get())) {
            return direct.get().getHostAddress();
        }
        List<String> hops = forwardedFor.stream()
                .flatMap(header -> Arrays.stream(header.split(",", -1)))
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                // This entry is where one of our proxies should have written an address. Looking
                // further left would take an entry the client wrote, so believe none of them.
                return direct.get().getHostAddress();
            }
            if (!trusts(hop.get())) {
                return hop.get().getHostAddress();
            }
        }
        return direct.get().getHostAddress();
    }

    /** Whether the direct peer is one of the trusted proxies, whose headers about the request are believed. */
    public boolean trustsPeer(String peer) {
        if (ranges.isEmpty()) {
            return false; // no proxy trusted: no need to read the address (on every request)
        }
        return literal(peer).map(this::trusts).orElse(false);
    }

    private boolean trusts(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    /**
     * An IPv4 or IPv6 literal, optionally with brackets and a port as some proxies write them
     * ({@code [2001:db8::1]:443}, {@code 192.0.2.1:443}); empty for anything else, host names
     * included. IPv4-mapped IPv6 addresses come back as IPv4.
     */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String address = text.strip();
        Matcher bracketed = BRACKETED.matcher(address);
        Matcher withPort = IPV4_WITH_PORT.matcher(address);
        if (bracketed.matches()) {
            address = bracketed.group(1);
        } else if (withPort.matches()) {
            address = withPort.group(1);
        }
        return plainLiteral(address);
    }

    /** An IPv4 or IPv6 literal as such, without brackets or port. */
    private static Optional<InetAddress> plainLiteral(String address) {
        Matcher ipv4 = IPV4.matcher(address);
        if (ipv4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(ipv4.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return Optional.of(byAddress(bytes));
        }
        if (address.indexOf(':') < 0 || !IPV6.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            // Safe from DNS: a text starting with a hex digit or a colon and holding a colon is
            // parsed as an IPv6 literal, and refused if it is not one, never looked up.
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String unbracketed(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** One address ({@code /32}, {@code /128}) or CIDR range; bits past the prefix are ignored. */
    private static final class Range {
        private final byte[] network;
        private final int prefixLength;

        private Range(byte[] network, int prefixLength) {
            this.network = network;
            this.prefixLength = prefixLength;
        }

        static Optional<Range> parse(String text) {
            int slash = text.indexOf('/');
            Optional<InetAddress> parsed = plainLiteral(slash < 0 ? text : text.substring(0, slash));
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            byte[] bytes = parsed.get().getAddress();
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = text.substring(slash + 1);
                if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                    return Optional.empty();
                }
                prefix = Integer.parseInt(length);
            }
            return Optional.of(new Range(bytes, prefix));
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }
}
