package org.dossier.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The login form's CSRF token, before any session exists: a signed double-submit token (OWASP's
 * "signed double-submit cookie"). It is {@code <random>.<issued>.<signature>}, the signature an
 * HMAC-SHA256 of the rest under a key shared by every app node ({@link PlatformSecrets}). The form
 * and a cookie carry the same token; the server accepts a pair only when they match and the
 * signature is its own, so a value planted in the cookie by someone else (a sibling subdomain, a
 * network attacker on plain HTTP) and repeated in a forged form is refused unless the server
 * issued it, and a token it issued serves for {@link #LIFETIME} only.
 */
public final class LoginFormTokens {
    public static final String SECRET_NAME = "login_csrf";
    /** Long enough for a login page left open over a working day. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final Pattern FORMAT = Pattern.compile("([A-Za-z0-9_-]{43})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<byte[]> key;
    private final Clock clock;
    private volatile byte[] cachedKey;

    /** @param key read on first use, once: the database may not be migrated yet when this is built */
    public LoginFormTokens(Supplier<byte[]> key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public String issue() {
        String payload = Secrets.token(32) + "." + clock.instant().getEpochSecond();
        return payload + "." + sign(payload);
    }

    /** Whether the server issued {@code token}, and not longer ago than {@link #LIFETIME}. */
    public boolean isValid(String token) {
        Matcher parts = token == null ? null : FORMAT.matcher(token);
        if (parts == null || !parts.matches()) {
            return false;
        }
        String payload = parts.group(1) + "." + parts.group(2);
        boolean signed = MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                parts.group(3).getBytes(StandardCharsets.US_ASCII));
        Instant issued = Instant.ofEpochSecond(Long.parseLong(parts.group(2)));
        Instant now = clock.instant();
        return signed && !issued.isAfter(now.plusSeconds(60)) && issued.plus(LIFETIME).isAfter(now);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return BASE64.encodeToString(mac.doFinal(("login-csrf:" + payload).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private byte[] key() {
        byte[] current = cachedKey;
        if (current == null) {
            current = key.get();
            cachedKey = current;
        }
        return current;
    }
}
