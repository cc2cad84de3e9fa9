package org.dossier.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Publishes form definitions as immutable numbered versions and serves them compiled.
 *
 * <p>Compiled versions are cached forever: a published version never changes, so the cache needs
 * no invalidation. Which version is the latest is asked of the database again after at most
 * {@link #LATEST_TTL_NANOS}, so that several app nodes see a publication made on one of them
 * within two seconds without a query per request. A record is stamped with the version it was
 * validated against, so a request that still uses the previous version for that moment stores
 * nothing inconsistent.
 */
public final class FormService {
    /** The key of the case-file form in every tenant. */
    public static final String CASE_FILE = "dossier";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final MetaSchema metaSchema;
    private final FormCompiler compiler;
    static final long LATEST_TTL_NANOS = 2_000_000_000L;

    private final Map<VersionKey, CompiledForm> compiled = new ConcurrentHashMap<>();
    private final Map<LatestKey, Latest> latest = new ConcurrentHashMap<>();

    private final PublicationListener listener;

    public FormService(Jdbi jdbi, ObjectMapper json, MetaSchema metaSchema, FormCompiler compiler) {
        this(jdbi, json, metaSchema, compiler, PublicationListener.NONE);
    }

    /** @param listener told of every version published, in the publication's transaction (the register keeps its own) */
    public FormService(Jdbi jdbi, ObjectMapper json, MetaSchema metaSchema, FormCompiler compiler,
                       PublicationListener listener) {
        this.listener = listener;
        this.jdbi = jdbi;
        this.json = json;
        this.metaSchema = metaSchema;
        this.compiler = compiler;
    }

    /** The latest published version of a tenant's form. */
    public CompiledForm latest(TenantId tenantId, String formKey) {
        LatestKey key = new LatestKey(tenantId, formKey);
        long now = System.nanoTime();
        Latest known = latest.get(key);
        if (known == null || now - known.readAt() > LATEST_TTL_NANOS) {
            int version = jdbi.withHandle(handle -> handle.attach(FormVersionDao.class).latestVersionNumber(tenantId, formKey));
            if (version == 0) {
                throw new NoSuchFormException(formKey);
            }
            known = new Latest(version, now);
            latest.put(key, known);
        }
        return version(tenantId, formKey, known.version());
    }

    /** A given published version, e.g. the one a record was last validated against. */
    public CompiledForm version(TenantId tenantId, String formKey, int version) {
        VersionKey key = new VersionKey(tenantId, formKey, version);
        CompiledForm form = compiled.get(key);
        if (form != null) {
            return form;
        }
        FormVersionDao.FormVersionRow row = jdbi.withExtension(FormVersionDao.class, dao -> dao.find(tenantId, formKey, version))
                .orElseThrow(() -> new NoSuchFormException(formKey));
        form = compiler.compile(formKey, version, parse(row.definition()));
        compiled.putIfAbsent(key, form);
        return form;
    }

    /**
     * Checks a definition against the meta-schema and stores it as the next version, inside the
     * caller's transaction.
     *
     * @throws InvalidFormDefinitionException naming the keyword and path of each problem
     */
    public int publish(Handle handle, TenantId tenantId, String formKey, JsonNode definition, String publishedBy) {
        return publish(handle, tenantId, formKey, definition, null, publishedBy);
    }

    /** As above, keeping the customisation the definition was compiled from (null for none). */
    public int publish(Handle handle, TenantId tenantId, String formKey, JsonNode definition, JsonNode customisation,
                       String publishedBy) {
        return publish(handle, tenantId, formKey, definition, customisation, RequiredChoices.NONE, publishedBy);
    }

    /**
     * As above, with the admin's choice for each field this version makes required (see
     * {@link RequiredScope}); a field it makes required without a choice is required of every case file.
     */
    public int publish(Handle handle, TenantId tenantId, String formKey, JsonNode definition, JsonNode customisation,
                       RequiredChoices choices, String publishedBy) {
        metaSchema.check(definition);
        CompiledForm compiledForm = compiler.compile(formKey, 0, definition);
        FormVersionDao dao = handle.attach(FormVersionDao.class);
        int next = dao.latestVersionNumber(tenantId, formKey) + 1;
        Instant publishedAt = Instant.now();
        dao.insert(tenantId, formKey, next, definition.toString(), customisation == null ? null : customisation.toString(),
                publishedAt, publishedBy, choices.toJson());
        listener.published(handle, tenantId, formKey, next, compiledForm.effectiveSchema(), publishedAt);
        latest.remove(new LatestKey(tenantId, formKey));
        return next;
    }

    /** Every published version of a form, newest first, as stored. */
    public List<FormVersionDao.FormVersionRow> history(TenantId tenantId, String formKey) {
        return jdbi.withExtension(FormVersionDao.class, dao -> dao.history(tenantId, formKey));
    }

    /** One published version as stored (definition and customisation as JSON text). */
    public Optional<FormVersionDao.FormVersionRow> stored(TenantId tenantId, String formKey, int version) {
        return jdbi.withExtension(FormVersionDao.class, dao -> dao.find(tenantId, formKey, version));
    }

    /**
     * Which fields of a form case files that existed before they became required need not fill:
     * the latest choice for each field, over the versions up to {@code version}.
     */
    public NewOnlyRequirements newOnlyRequirements(TenantId tenantId, String formKey, int version) {
        List<FormVersionDao.ChoicesRow> rows = jdbi.withExtension(FormVersionDao.class,
                dao -> dao.requiredChoices(tenantId, formKey, version));
        Map<String, Instant> since = new java.util.LinkedHashMap<>();
        for (FormVersionDao.ChoicesRow row : rows) {
            RequiredChoices.fromJson(parse(row.requiredChoices())).byPointer().forEach((pointer, scope) -> {
                since.remove(pointer);
                if (scope == RequiredScope.NEW_ONLY) {
                    since.put(pointer, row.publishedAt());
                }
            });
        }
        return new NewOnlyRequirements(since);
    }

    /** Compiles a definition that is not stored (a draft), for a preview; it is checked like a published one. */
    public CompiledForm preview(String formKey, JsonNode definition) {
        metaSchema.check(definition);
        return compiler.compile(formKey, 0, definition);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form definition is not JSON", e);
        }
    }

    private record VersionKey(TenantId tenantId, String formKey, int version) {}

    private record LatestKey(TenantId tenantId, String formKey) {}

    private record Latest(int version, long readAt) {}
}
