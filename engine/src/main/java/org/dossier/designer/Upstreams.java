package org.dossier.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormDiff;
import org.dossier.form.FormService;
import org.dossier.form.FormVersionDao;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;
import org.dossier.tenant.TenantService;
import org.jdbi.v3.core.Jdbi;

/**
 * Linked templates: what a clone's source (and the base form) changed since the clone last took
 * its updates, and pulling those updates into the clone's draft by a three-way merge
 * ({@link CustomisationMerge}). Nothing reaches the clone's caseworkers until its admin publishes.
 */
public final class Upstreams {
    private static final String FORM = FormService.CASE_FILE;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final TenantService tenants;
    private final FormService forms;
    private final DesignerService designer;
    private final AuditLog audit;

    public Upstreams(Jdbi jdbi, ObjectMapper json, TenantService tenants, FormService forms, DesignerService designer,
                     AuditLog audit) {
        this.jdbi = jdbi;
        this.json = json;
        this.tenants = tenants;
        this.forms = forms;
        this.designer = designer;
        this.audit = audit;
    }

    /**
     * What a service could take.
     *
     * @param source        the service it was cloned from; empty when it has none (or it was deleted)
     * @param takenVersion  the source's version last taken (0 when unknown)
     * @param latestVersion the source's latest published version (0 without a source)
     * @param sourceChanges the source's changes since the version taken, in plain words
     * @param baseChanges   what the current base form changes in the service's published form, applied
     *                      at its next publish
     * @param conflicts     the choices both the service and its source changed differently
     */
    public record Updates(Optional<Tenant> source, int takenVersion, int latestVersion, List<String> sourceChanges,
                         List<String> baseChanges, List<CustomisationMerge.Conflict> conflicts) {
        /** Whether the source published a version the service has not taken yet. */
        public boolean fromSource() {
            return source.isPresent() && latestVersion > takenVersion;
        }

        public boolean any() {
            return fromSource() || !baseChanges.isEmpty();
        }
    }

    /** What was pulled into the draft. */
    public record Pulled(Tenant source, int version, int taken, List<CustomisationMerge.Conflict> conflicts) {}

    public Updates updates(TenantId tenantId, Locale locale) {
        List<String> baseChanges = baseChanges(tenantId, locale);
        Optional<Tenant> source = tenants.sourceOf(tenantId);
        if (source.isEmpty()) {
            return new Updates(source, 0, 0, List.of(), baseChanges, List.of());
        }
        TenantId sourceId = source.get().id();
        DesignerService.Draft draft = designer.draft(tenantId, FORM);
        int taken = takenVersion(tenantId, draft);
        CompiledForm latest = forms.latest(sourceId, FORM);
        if (latest.version() <= taken) {
            return new Updates(source, taken, latest.version(), List.of(), baseChanges, List.of());
        }
        JsonNode before = forms.stored(sourceId, FORM, taken).map(row -> read(row.definition()))
                .orElseGet(() -> designer.definitionOf(null));
        List<String> sourceChanges = FormDiff.between(before, latest.definition(), locale);
        CustomisationMerge.Result merge = merge(tenantId, sourceId, taken, latest.version(), draft.customisation(),
                Map.of());
        return new Updates(source, taken, latest.version(), sourceChanges, baseChanges, merge.conflicts());
    }

    /**
     * Pulls the source's updates into the draft, in one transaction with its audit event.
     *
     * @param expectedVersion the source version the admin saw; if the source published since, nothing
     *                        is pulled and they are asked to look again
     * @param decisions       how each conflict is settled, by conflict id; the service's own value when absent
     */
    public Pulled pull(TenantId tenantId, int expectedVersion, Map<String, CustomisationMerge.Decision> decisions,
                       Actor actor) {
        Tenant source = tenants.sourceOf(tenantId)
                .orElseThrow(() -> new DomainException("noSourceService", 404, "this service has no source to take updates from"));
        int latest = forms.latest(source.id(), FORM).version();
        if (latest != expectedVersion) {
            throw new DomainException("sourceMoved", 409, "the source published version " + latest + " meanwhile");
        }
        DesignerService.Draft draft = designer.draft(tenantId, FORM);
        if (draft.imported()) {
            // The source's updates are customisations of the form they share; an imported draft is not it.
            throw new ImportedFormException();
        }
        int taken = takenVersion(tenantId, draft);
        if (latest <= taken) {
            throw new DomainException("noSourceUpdates", 409, "version " + latest + " is already taken");
        }
        CustomisationMerge.Result merge = merge(tenantId, source.id(), taken, latest, draft.customisation(), decisions);
        jdbi.useTransaction(handle -> {
            designer.requireUnchanged(handle, tenantId, FORM, draft);
            designer.saveDraft(handle, tenantId, FORM, merge.merged(), actor, latest);
            ObjectNode details = json.createObjectNode().put("form", FORM).put("source", source.slug())
                    .put("fromVersion", taken).put("toVersion", latest).put("taken", merge.taken().size());
            ArrayNode settled = details.putArray("conflicts");
            for (CustomisationMerge.Conflict conflict : merge.conflicts()) {
                settled.addObject().put("id", conflict.id()).put("decision",
                        decisions.getOrDefault(conflict.id(), CustomisationMerge.Decision.LOCAL).name().toLowerCase(Locale.ROOT));
            }
            audit.record(handle, tenantId, actor, "form.updates.pulled", "form", FORM, details);
        });
        return new Pulled(source, latest, merge.taken().size(), merge.conflicts());
    }

    private CustomisationMerge.Result merge(TenantId tenantId, TenantId sourceId, int taken, int latest, JsonNode local,
                                            Map<String, CustomisationMerge.Decision> decisions) {
        JsonNode ancestor = forms.stored(sourceId, FORM, taken).map(designer::customisationOf)
                .orElseGet(json::createObjectNode);
        JsonNode upstream = forms.stored(sourceId, FORM, latest).map(designer::customisationOf).orElseThrow();
        return CustomisationMerge.merge(ancestor, upstream, local, decisions,
                key -> designer.recordsHolding(tenantId, FORM, key) > 0);
    }

    /**
     * The source version whose updates the service holds: its draft's when it names one (updates
     * pulled in, an old version restored), else its latest published version's; 0 when unknown.
     */
    private int takenVersion(TenantId tenantId, DesignerService.Draft draft) {
        Integer inDraft = draft.upstreamVersion();
        if (inDraft != null) {
            return inDraft;
        }
        return publishedTakenVersion(tenantId);
    }

    /** The source version the service's latest published version holds; 0 when unknown. */
    public int publishedTakenVersion(TenantId tenantId) {
        int published = forms.latest(tenantId, FORM).version();
        Integer held = jdbi.withHandle(handle -> designer.sourceVersionOf(handle, tenantId, FORM, published));
        return held == null ? 0 : held;
    }

    /** The base form's changes the service's next publish brings, its own choices unchanged. */
    private List<String> baseChanges(TenantId tenantId, Locale locale) {
        CompiledForm published = forms.latest(tenantId, FORM);
        FormVersionDao.FormVersionRow row = forms.stored(tenantId, FORM, published.version()).orElseThrow();
        JsonNode recompiled = designer.definitionOf(designer.customisationOf(row));
        return FormDiff.between(published.definition(), recompiled, locale);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored form JSON is not JSON", e);
        }
    }
}
