package org.dossier.web.metrics;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.dossier.metrics.Metrics;

/**
 * {@code GET /metrics} for Prometheus, behind the bearer token of {@code DOSSIER_METRICS_TOKEN}:
 * not found while no token is configured, 401 with {@code WWW-Authenticate: Bearer} without the
 * right one. The token is compared in constant time (digests of equal length), so that timing
 * tells nothing of it.
 */
public final class MetricsEndpoint {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;
    private final Optional<byte[]> tokenDigest;

    public MetricsEndpoint(Metrics metrics, Optional<String> token) {
        this.metrics = metrics;
        this.tokenDigest = token.map(MetricsEndpoint::digest);
    }

    public void scrape(Context ctx) {
        if (tokenDigest.isEmpty()) {
            throw new NotFoundResponse();
        }
        String authorization = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer || !MessageDigest.isEqual(tokenDigest.get(), digest(authorization.substring(7).strip()))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
            ctx.status(401).contentType("text/plain; charset=utf-8").result("unauthorized\n");
            return;
        }
        ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
