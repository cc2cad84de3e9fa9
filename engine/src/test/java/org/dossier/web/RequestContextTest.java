package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The client address is resolved once per request, whoever asks. */
class RequestContextTest {
    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8");

    /** A request from {@code peer} forwarding for {@code forwardedFor}; counts the reads of its peer. */
    private static HttpServletRequest request(String peer, String forwardedFor, AtomicInteger peerReads) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(RequestContextTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> {
                        peerReads.incrementAndGet();
                        yield peer;
                    }
                    case "getHeaders" -> Collections.enumeration(List.of(forwardedFor));
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void a_request_resolves_its_client_once_and_each_request_its_own() {
        AtomicInteger firstReads = new AtomicInteger();
        AtomicInteger secondReads = new AtomicInteger();
        HttpServletRequest first = request("10.1.2.3", "203.0.113.7", firstReads);
        HttpServletRequest second = request("198.51.100.4", "203.0.113.7", secondReads);

        assertThat(RequestContext.clientAddress(first, proxies)).isEqualTo("203.0.113.7");
        assertThat(RequestContext.clientAddress(first, proxies)).isEqualTo("203.0.113.7");
        assertThat(RequestContext.clientAddress(second, proxies)).isEqualTo("198.51.100.4");

        assertThat(firstReads).hasValue(1);
        assertThat(secondReads).hasValue(1);
    }
}
