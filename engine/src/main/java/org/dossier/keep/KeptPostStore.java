package org.dossier.keep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dossier.account.Secrets;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.crypto.ConfidentialCipher;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Posts kept after their session expired, in the database so that every app node finds them.
 *
 * <p>A kept post is bound to its person (the user of the expired session it arrived on) and to
 * the browser it came from (a random key the browser holds in a cookie; only its SHA-256 is
 * stored): only that person, signed in again on that browser, gets it back, at most once, and
 * for {@link #LIFETIME} only. Keeping and restoring are audited with the page and how many
 * fields, never a value.
 */
public final class KeptPostStore {
    /** How long typing is kept: long enough to find one's password again, short enough to be forgotten today. */
    public static final Duration LIFETIME = Duration.ofHours(4);
    /** Posts kept per person at most; the oldest go first. */
    static final int PER_PERSON = 20;
    private static final int TARGET_LENGTH = 64;
    private static final TypeReference<LinkedHashMap<String, List<String>>> FIELDS = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final AuditLog audit;
    private final Clock clock;

    private final ConfidentialCipher cipher;

    public KeptPostStore(Jdbi jdbi, ObjectMapper mapper, AuditLog audit, Clock clock) {
        this(jdbi, mapper, audit, clock, null);
    }

    /**
     * @param cipher seals the kept fields of a service's page with the service's key (they hold
     *               the raw values typed, confidential ones included); null keeps them in clear
     */
    public KeptPostStore(Jdbi jdbi, ObjectMapper mapper, AuditLog audit, Clock clock, ConfidentialCipher cipher) {
        this.cipher = cipher;
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Keeps {@code fields} posted to {@code postPath} by {@code user} from the browser holding
     * {@code browserKey}, to be shown again on {@code pagePath}.
     *
     * @param tenantId the service of the page, null for a page of no service
     */
    public void keep(String browserKey, User user, TenantId tenantId, String pagePath, String postPath,
                     Map<String, List<String>> fields, Actor actor) {
        Instant now = now();
        String json = cipher == null || tenantId == null
                ? write(fields) : cipher.sealText(tenantId, context(user.id(), pagePath), write(fields));
        jdbi.useTransaction(handle -> {
            KeptPostDao posts = new KeptPostDao(handle);
            posts.purgeExpired(now);
            posts.insert(Secrets.sha256(browserKey), user.id(), tenantId == null ? AuditLog.PLATFORM_TENANT : tenantId.value(),
                    pagePath, postPath, json, now, now.plus(LIFETIME));
            posts.trim(user.id(), PER_PERSON);
            audit(handle, tenantId, actor, "post.kept", pagePath, postPath, fields.size());
        });
    }

    /**
     * The newest post {@code user} left for {@code pagePath} from the browser holding
     * {@code browserKey}, removed as it is returned: a second call finds nothing. Someone else
     * signed in on the same browser finds nothing either, and so does a page of another service.
     *
     * @param tenantId the service of the page ({@link AuditLog#PLATFORM_TENANT}'s posts for none)
     */
    public Optional<KeptPost> take(String browserKey, User user, TenantId tenantId, String pagePath, Actor actor) {
        if (browserKey == null || browserKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] key = Secrets.sha256(browserKey);
        Instant now = now();
        return jdbi.inTransaction(handle -> {
            KeptPostDao posts = new KeptPostDao(handle);
            long tenant = tenantId == null ? AuditLog.PLATFORM_TENANT : tenantId.value();
            Optional<KeptPostDao.Row> row = posts.newest(tenant, key, user.id(), pagePath, now);
            if (row.isEmpty()) {
                return Optional.<KeptPost>empty();
            }
            posts.deleteFor(tenant, key, user.id(), pagePath);
            KeptPostDao.Row found = row.get();
            String stored = found.fields();
            if (ConfidentialCipher.isSealed(stored) && cipher != null) {
                stored = cipher.openText(new TenantId(found.tenantId()), context(found.userId(), found.pagePath()), stored);
            }
            Map<String, List<String>> fields = read(stored);
            audit(handle, found.tenantId() == AuditLog.PLATFORM_TENANT ? null : new TenantId(found.tenantId()), actor,
                    "post.restored", found.pagePath(), found.postPath(), fields.size());
            return Optional.of(new KeptPost(found.id(), found.userId(), found.tenantId(), found.pagePath(),
                    found.postPath(), fields, found.createdAt()));
        });
    }

    /** Whether the browser holding {@code browserKey} has typing kept for someone, still waiting. */
    public boolean waiting(String browserKey) {
        if (browserKey == null || browserKey.isEmpty()) {
            return false;
        }
        Instant now = now();
        return jdbi.withHandle(handle -> new KeptPostDao(handle).anyLive(Secrets.sha256(browserKey), now));
    }

    private void audit(Handle handle, TenantId tenantId, Actor actor, String action, String pagePath, String postPath,
                       int fieldCount) {
        ObjectNode details = mapper.createObjectNode().put("page", pagePath).put("post", postPath).put("fields", fieldCount);
        String target = target(pagePath);
        if (tenantId == null) {
            audit.recordPlatform(handle, actor, action, "page", target, details);
        } else {
            audit.record(handle, tenantId, actor, action, "page", target, details);
        }
    }

    /** The page within its service ({@code /records/42/edit}), as long as the audit's target column allows. */
    private static String target(String pagePath) {
        String within = pagePath.matches("/t/[^/]+/.*") ? pagePath.substring(pagePath.indexOf('/', 3)) : pagePath;
        return within.length() <= TARGET_LENGTH ? within : within.substring(0, TARGET_LENGTH);
    }

    private static String context(long userId, String pagePath) {
        return org.dossier.crypto.KeptPostContext.of(userId, pagePath);
    }

    private String write(Map<String, List<String>> fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("posted fields are always writable as JSON", e);
        }
    }

    private Map<String, List<String>> read(String json) {
        try {
            return mapper.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept post is stored as JSON by this class", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
