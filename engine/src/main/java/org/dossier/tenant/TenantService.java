package org.dossier.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.dossier.retention.RetentionPolicy;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Looks tenants up by slug and creates them. Lookups are cached for {@link #TTL_NANOS}: name and
 * colour can change on any app node, and every node sees the change within that time.
 */
public final class TenantService {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    static final long TTL_NANOS = 5_000_000_000L;

    private final Jdbi jdbi;
    private final Map<String, Cached> bySlug = new ConcurrentHashMap<>();
    /**
     * Moves on at each {@link #forgetCached}: a lookup that read the database before a change
     * committed, and keeps its row after the cache was emptied, keeps it under an older generation,
     * which is never answered (the node that suspends a service refuses it from its next request).
     */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private record Cached(Tenant tenant, long readAt, long generation) {}

    public TenantService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Tenant require(String slug) {
        return find(slug).orElseThrow(() -> new NoSuchTenantException(String.valueOf(slug)));
    }

    public Optional<Tenant> find(String slug) {
        Cached cached = slug == null ? null : bySlug.get(slug);
        if (cached != null && System.nanoTime() - cached.readAt() < TTL_NANOS
                && cached.generation() == generation.get()) {
            return Optional.of(cached.tenant());
        }
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        long before = generation.get();
        long readAt = System.nanoTime();
        Optional<Tenant> tenant = jdbi.withExtension(TenantDao.class, dao -> dao.findBySlug(slug))
                .map(TenantDao.TenantRow::toTenant);
        tenant.ifPresent(found -> bySlug.put(slug, new Cached(found, readAt, before)));
        return tenant;
    }

    /** The service a clone was cloned from, if it still exists. */
    public Optional<Tenant> sourceOf(TenantId clone) {
        return jdbi.withExtension(TenantDao.class, dao -> dao.sourceOf(clone.value())).map(TenantDao.TenantRow::toTenant);
    }

    /** Renames a service and changes its primary colour (already checked by the caller). */
    public Tenant updateBranding(TenantId tenantId, String name, String primaryColor) {
        jdbi.useExtension(TenantDao.class, dao -> dao.updateBranding(tenantId.value(), name, primaryColor));
        forgetCached();
        Tenant updated = jdbi.withExtension(TenantDao.class, dao -> dao.listAll()).stream()
                .map(TenantDao.TenantRow::toTenant).filter(tenant -> tenant.id().equals(tenantId)).findFirst().orElseThrow();
        return updated;
    }

    /**
     * Marks a service as a template (kept only to be cloned) or as an ordinary service again. A
     * service holding case files cannot become a template; the check and the change are one
     * statement, so a case file saved meanwhile cannot slip in between.
     *
     * @return false when the service holds case files (nothing changed)
     */
    public boolean markTemplate(Handle handle, TenantId tenantId, boolean template) {
        TenantDao dao = handle.attach(TenantDao.class);
        int changed = template ? dao.markTemplateUnlessHoldingCaseFiles(tenantId) : dao.unmarkTemplate(tenantId);
        forgetCached();
        return changed == 1 || !template;
    }

    /**
     * The services holding at least one case file. Only that, not how many: exact counts beside the
     * statistics page would let a small suppressed count be worked out by subtraction.
     */
    public java.util.Set<TenantId> holdingCaseFiles() {
        return new java.util.HashSet<>(jdbi.withExtension(TenantDao.class, TenantDao::holdingCaseFiles).stream()
                .map(TenantId::new).toList());
    }

    /** Marks that the service's logo changed (or went, with {@code present} false). */
    public void logoChanged(TenantId tenantId, boolean present) {
        jdbi.useExtension(TenantDao.class, dao -> {
            if (present) {
                dao.incrementLogoVersion(tenantId.value());
            } else {
                dao.clearLogoVersion(tenantId.value());
            }
        });
        forgetCached();
    }

    /**
     * Forgets every cached lookup, after a change committed elsewhere (a service suspended,
     * resumed or deleted), so this node sees it at its next request; other nodes within the TTL.
     */
    public void forgetCached() {
        generation.incrementAndGet();
        bySlug.clear();
    }

    public static boolean isValidSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    public List<Tenant> listAll() {
        return jdbi.withExtension(TenantDao.class, dao -> dao.listAll().stream().map(TenantDao.TenantRow::toTenant).toList());
    }

    public long count() {
        return jdbi.withExtension(TenantDao.class, TenantDao::count);
    }

    /** Creates a tenant inside the caller's transaction. */
    public Tenant create(Handle handle, String slug, String name, String primaryColor) {
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("invalid slug: " + slug);
        }
        Instant now = Instant.now();
        long id;
        try {
            id = handle.attach(TenantDao.class).insert(slug, name, primaryColor, "{}", now);
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (e.getCause() instanceof java.sql.SQLIntegrityConstraintViolationException) {
                // Taken between the caller's check and this insert, by a request running at the same time.
                throw new org.dossier.DomainException("slugTaken", 409, "this slug is taken");
            }
            throw e;
        }
        return new Tenant(new TenantId(id), slug, name, primaryColor, 0, now, false, false, RetentionPolicy.DEFAULT);
    }
}
