package org.dossier.web.metrics;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of a request: the one a trusted reverse proxy sent in {@code X-Request-Id}, so that its
 * logs and ours name the request alike, when it is a sane token; otherwise one generated here. A
 * client that is not a trusted proxy cannot choose the id our logs carry.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final int MAX_LENGTH = 100;
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private RequestIds() {}

    /**
     * @param incoming    the request's {@code X-Request-Id}, if any
     * @param fromTrusted whether the direct peer is a trusted proxy
     */
    public static String choose(Optional<String> incoming, boolean fromTrusted) {
        if (fromTrusted && incoming.isPresent() && SANE.matcher(incoming.get()).matches()) {
            return incoming.get();
        }
        return generate();
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }
}
