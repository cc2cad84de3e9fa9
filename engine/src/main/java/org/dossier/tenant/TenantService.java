package org.dossier.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Looks tenants up by slug (cached: a slug never changes owner) and creates them. */
public final class TenantService {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final Jdbi jdbi;
    private final Map<String, Tenant> bySlug = new ConcurrentHashMap<>();

    public TenantService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Tenant require(String slug) {
        return find(slug).orElseThrow(() -> new NoSuchTenantException(String.valueOf(slug)));
    }

    public Optional<Tenant> find(String slug) {
        Tenant cached = bySlug.get(slug);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        Optional<Tenant> tenant = jdbi.withExtension(TenantDao.class, dao -> dao.findBySlug(slug))
                .map(TenantDao.TenantRow::toTenant);
        tenant.ifPresent(found -> bySlug.put(slug, found));
        return tenant;
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
        long id = handle.attach(TenantDao.class).insert(slug, name, primaryColor, "{}", now);
        return new Tenant(new TenantId(id), slug, name, primaryColor, now);
    }
}
