package org.dossier.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Publishes form definitions as immutable numbered versions and serves them compiled.
 *
 * <p>Compiled versions are cached forever: a published version never changes, so the cache needs
 * no invalidation. Only "which version is the latest" is asked of the database each time, which
 * keeps several app nodes consistent when one of them publishes.
 */
public final class FormService {
    /** The key of the case-file form in every tenant. */
    public static final String CASE_FILE = "dossier";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final MetaSchema metaSchema;
    private final FormCompiler compiler;
    private final Map<VersionKey, CompiledForm> compiled = new ConcurrentHashMap<>();

    public FormService(Jdbi jdbi, ObjectMapper json, MetaSchema metaSchema, FormCompiler compiler) {
        this.jdbi = jdbi;
        this.json = json;
        this.metaSchema = metaSchema;
        this.compiler = compiler;
    }

    /** The latest published version of a tenant's form. */
    public CompiledForm latest(TenantId tenantId, String formKey) {
        int version = jdbi.withExtension(FormVersionDao.class, dao -> dao.latestVersionNumber(tenantId, formKey));
        if (version == 0) {
            throw new NoSuchFormException(formKey);
        }
        return version(tenantId, formKey, version);
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
        metaSchema.check(definition);
        compiler.compile(formKey, 0, definition);
        FormVersionDao dao = handle.attach(FormVersionDao.class);
        int next = dao.latestVersionNumber(tenantId, formKey) + 1;
        dao.insert(tenantId, formKey, next, definition.toString(), Instant.now(), publishedBy);
        return next;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form definition is not JSON", e);
        }
    }

    private record VersionKey(TenantId tenantId, String formKey, int version) {}
}
