package org.dossier.web.idempotency;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.idempotency.IdempotencyKeys;
import org.dossier.idempotency.IdempotentAnswer;
import org.dossier.web.Json;
import org.dossier.web.RequestContext;
import org.dossier.web.auth.AccessRoutes;

/**
 * Wraps an API handler that creates something: with an {@code Idempotency-Key} header, the first
 * answer (status, {@code Location}, body) is kept a day and a retry of the same request gets it
 * again ({@code Idempotent-Replayed: true}) without a second write; the same key with another body
 * is refused with 422 {@code idempotencyKeyReused}. Without the header, nothing changes.
 */
public final class IdempotentCreation {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern WELL_FORMED = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotencyKeys keys;
    private final Json json;

    public IdempotentCreation(IdempotencyKeys keys, Json json) {
        this.keys = keys;
        this.json = json;
    }

    /** {@code handler}, made idempotent when the request carries a key. */
    public AccessRoutes.TenantHandler of(AccessRoutes.TenantHandler handler) {
        return (ctx, access) -> handle(ctx, access, handler);
    }

    private void handle(Context ctx, TenantAccess access, AccessRoutes.TenantHandler handler) throws Exception {
        String key = ctx.header(HEADER);
        if (key == null) {
            handler.handle(ctx, access);
            return;
        }
        if (!WELL_FORMED.matcher(key).matches()) {
            throw new DomainException("idempotencyKeyInvalid", 400, "the Idempotency-Key must have 1 to 255 visible characters");
        }
        String fingerprint = IdempotencyKeys.fingerprint(ctx.method().name(), ctx.path(),
                RequestContext.actor(ctx).id(), json.bodyBytes(ctx));
        Optional<IdempotentAnswer> stored = keys.claim(access.tenant().id(), key, fingerprint);
        if (stored.isPresent()) {
            replay(ctx, stored.get());
            return;
        }
        try {
            handler.handle(ctx, access);
        } catch (Exception | Error e) {
            keys.release(access.tenant().id(), key);
            throw e;
        }
        int status = ctx.status().getCode();
        if (status >= 200 && status < 300) {
            keys.answer(access.tenant().id(), key, new IdempotentAnswer(status,
                    Optional.ofNullable(ctx.res().getHeader("Location")), ctx.result()));
        } else {
            keys.release(access.tenant().id(), key);
        }
    }

    private static void replay(Context ctx, IdempotentAnswer answer) {
        answer.location().ifPresent(location -> ctx.header("Location", location));
        ctx.header(REPLAYED, "true");
        ctx.status(answer.status()).contentType("application/json; charset=utf-8")
                .result(answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8));
    }
}
