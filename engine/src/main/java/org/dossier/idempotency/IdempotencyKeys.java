package org.dossier.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The keys of idempotent creation, per service. A request with a key first claims it (a row with
 * status 0, committed at once, so that a concurrent request with the same key sees it); once
 * answered, the answer is stored and every later request with that key and the same content gets
 * it back, without a second write.
 *
 * <p>The claim and the creation are two transactions: if the node dies between the creation's
 * commit and the storing of the answer, the claim stays in progress; after {@link #ABANDONED_AFTER}
 * a retry takes it over and creates again. That window (a crash within the same request) is the
 * one case where a retry can still duplicate.
 */
public final class IdempotencyKeys {
    /** How long an answer is kept, and so how long a client may retry. */
    public static final Duration KEPT = Duration.ofDays(1);
    /** A claim older than this without an answer belongs to a request that died: a retry takes it over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);
    /** How long a request waits for a concurrent one with the same key to finish before answering 409. */
    static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(10);
    private static final int IN_PROGRESS = 0;

    private final Jdbi jdbi;
    private final Clock clock;

    public IdempotencyKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The fingerprint of a request: a retry has the same, another request reusing the key does not. */
    public static String fingerprint(String method, String path, String caller, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {method, path, caller}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Claims the key for this request, or gives the answer already stored for it.
     *
     * @return empty when the caller should go on and create (then {@link #answer} or {@link #release})
     * @throws IdempotencyKeyReusedException when the key was used for another request
     * @throws IdempotencyKeyInProgressException when the first request with the key is still running
     */
    public Optional<IdempotentAnswer> claim(TenantId tenantId, String key, String fingerprint) throws InterruptedException {
        if (insertClaim(tenantId, key, fingerprint)) {
            return Optional.empty();
        }
        Instant deadline = clock.instant().plus(WAIT_FOR_FIRST);
        while (true) {
            Optional<Row> row = read(tenantId, key);
            if (row.isEmpty()) {
                // Released by a first request that failed: this one may try.
                if (insertClaim(tenantId, key, fingerprint)) {
                    return Optional.empty();
                }
                continue;
            }
            if (!row.get().fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException();
            }
            if (row.get().status() != IN_PROGRESS) {
                return Optional.of(new IdempotentAnswer(row.get().status(), Optional.ofNullable(row.get().location()),
                        row.get().body()));
            }
            if (takeOverAbandoned(tenantId, key)) {
                return Optional.empty();
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IdempotencyKeyInProgressException();
            }
            Thread.sleep(100);
        }
    }

    /** Stores the answer of the request that claimed the key. */
    public void answer(TenantId tenantId, String key, IdempotentAnswer answer) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys SET status = :status, location = :location, body = :body
                        WHERE tenant_id = :tenantId AND idempotency_key = :key AND status = 0
                        """).bind("tenantId", tenantId.value()).bind("key", key).bind("status", answer.status())
                .bind("location", answer.location().orElse(null)).bind("body", answer.body()).execute());
    }

    /** Gives the key up: the request failed without creating anything, a retry may try again. */
    public void release(TenantId tenantId, String key) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        DELETE FROM idempotency_keys WHERE tenant_id = :tenantId AND idempotency_key = :key AND status = 0
                        """).bind("tenantId", tenantId.value()).bind("key", key).execute());
    }

    /** Removes the keys older than {@link #KEPT}, on every service; returns how many. */
    public int purge() {
        Instant before = clock.instant().minus(KEPT);
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        DELETE FROM idempotency_keys /* all tenants */ WHERE created_at < :before
                        """).bind("before", before).execute());
    }

    private boolean insertClaim(TenantId tenantId, String key, String fingerprint) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("""
                            INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, status, created_at)
                            VALUES (:tenantId, :key, :fingerprint, 0, :now)
                            """).bind("tenantId", tenantId.value()).bind("key", key).bind("fingerprint", fingerprint)
                    .bind("now", clock.instant()).execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof java.sql.SQLIntegrityConstraintViolationException) {
                return false;
            }
            throw e;
        }
    }

    private boolean takeOverAbandoned(TenantId tenantId, String key) {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys SET created_at = :now
                        WHERE tenant_id = :tenantId AND idempotency_key = :key AND status = 0 AND created_at < :abandoned
                        """).bind("tenantId", tenantId.value()).bind("key", key).bind("now", now)
                .bind("abandoned", now.minus(ABANDONED_AFTER)).execute()) == 1;
    }

    private Optional<Row> read(TenantId tenantId, String key) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT request_hash, status, location, body FROM idempotency_keys
                        WHERE tenant_id = :tenantId AND idempotency_key = :key
                        """).bind("tenantId", tenantId.value()).bind("key", key)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4))).findOne());
    }

    private record Row(String fingerprint, int status, String location, String body) {}
}
