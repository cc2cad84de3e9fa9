package org.dossier.designer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.BaseSchema;
import org.dossier.form.CompiledForm;
import org.dossier.form.CustomField;
import org.dossier.form.CustomisationCompiler;
import org.dossier.form.FormDiff;
import org.dossier.form.FormService;
import org.dossier.form.FormVersionDao;
import org.dossier.form.InvalidFormDefinitionException;
import org.dossier.form.NewlyRequired;
import org.dossier.form.RequiredChoices;
import org.dossier.form.RequiredScope;
import org.dossier.modules.Modules;
import org.dossier.record.RecordDao;
import org.dossier.record.ToComplete;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The service admin's work on a form: one draft customisation per form, compiled against the
 * current base schema for the preview and the list of changes, published as the next immutable
 * version, and any published version restorable as the draft.
 */
public final class DesignerService {
    private static final String TARGET = "form";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final FormService forms;
    private final CustomisationCompiler compiler;
    private final AuditLog audit;
    private final ToComplete toComplete;

    public DesignerService(Jdbi jdbi, ObjectMapper json, FormService forms, CustomisationCompiler compiler, AuditLog audit,
                           ToComplete toComplete) {
        this.jdbi = jdbi;
        this.json = json;
        this.forms = forms;
        this.compiler = compiler;
        this.audit = audit;
        this.toComplete = toComplete;
    }

    /**
     * The draft being worked on.
     *
     * @param saved            false when nobody saved a draft since the last publish: the customisation
     *                         is the published one's
     * @param upstreamVersion  for a clone, the version of its source's form whose updates were pulled
     *                         into this draft; null when none were
     * @param definition       a whole definition imported from a file, which the draft is instead of a
     *                         customisation of the base form (then {@code customisation} is empty);
     *                         null for a draft made with the designer
     */
    public record Draft(ObjectNode customisation, boolean saved, Instant updatedAt, String updatedBy,
                        Integer upstreamVersion, ObjectNode definition) {
        /** Whether the draft is a whole definition imported from a file. */
        public boolean imported() {
            return definition != null;
        }
    }

    public Draft draft(TenantId tenantId, String formKey) {
        Optional<Draft> stored = jdbi.withExtension(DraftDao.class, dao -> dao.find(tenantId, formKey))
                .map(row -> new Draft(object(row.customisation()), true, row.updatedAt(), row.updatedBy(),
                        row.upstreamVersion(), row.definition() == null ? null : object(row.definition())));
        return stored.orElseGet(() -> unsavedDraft(tenantId, formKey));
    }

    /**
     * Without a saved draft, the draft is the published form's: its customisation, or for a version
     * published from an imported file, that whole definition (the base form plus nothing would
     * silently take the imported form back).
     */
    private Draft unsavedDraft(TenantId tenantId, String formKey) {
        CompiledForm latest = forms.latest(tenantId, formKey);
        if (isImported(tenantId, formKey, latest.version())) {
            return new Draft(json.createObjectNode(), false, null, null, null, latest.definition().deepCopy());
        }
        return new Draft(publishedCustomisation(tenantId, formKey), false, null, null, null, null);
    }

    /** Whether a published version was published from an imported definition. */
    public boolean isImported(TenantId tenantId, String formKey, int version) {
        return jdbi.withExtension(DraftDao.class, dao -> dao.imported(tenantId, formKey, version)).orElse(false);
    }

    /** Flags a version just published, in the caller's transaction, as a whole definition from a file. */
    public void markImported(Handle handle, TenantId tenantId, String formKey, int version) {
        handle.attach(DraftDao.class).markImported(tenantId, formKey, version);
    }

    /**
     * Keeps a whole definition, already checked by the caller, as the draft inside the caller's
     * transaction: it replaces the draft's customisation and any source updates pulled into it.
     */
    public void saveImportedDraft(Handle handle, TenantId tenantId, String formKey, ObjectNode definition, Actor actor) {
        handle.attach(DraftDao.class).saveDefinition(tenantId, formKey, definition.toString(), now(), actor.id());
    }

    /**
     * Checks the customisation compiles, then keeps it as the draft (with the source's updates it holds, if any).
     *
     * @throws ImportedFormException when the draft is a definition imported from a file, which the
     *                               designer's choices (made over the base form) would silently replace
     */
    public void saveDraft(TenantId tenantId, String formKey, ObjectNode customisation, Actor actor) {
        if (draft(tenantId, formKey).imported()) {
            throw new ImportedFormException();
        }
        compiler.compile(BaseSchema.baseSchema(), customisation);
        jdbi.useExtension(DraftDao.class,
                dao -> dao.save(tenantId, formKey, customisation.toString(), now(), actor.id()));
    }

    /**
     * Checks the customisation compiles, then keeps it as the draft inside the caller's transaction,
     * recording which version of the source's form it holds the updates of ({@code null}: none).
     */
    public void saveDraft(Handle handle, TenantId tenantId, String formKey, ObjectNode customisation, Actor actor,
                          Integer upstreamVersion) {
        compiler.compile(BaseSchema.baseSchema(), customisation);
        handle.attach(DraftDao.class).saveWithUpstream(tenantId, formKey, customisation.toString(), now(), actor.id(),
                upstreamVersion);
    }

    /**
     * Locks the draft row until the caller's transaction ends and checks it is still the one read
     * before: a save or a pull committed in between would otherwise be overwritten or deleted unseen.
     *
     * @throws DomainException {@code draftChanged} (409)
     */
    void requireUnchanged(Handle handle, TenantId tenantId, String formKey, Draft seen) {
        Optional<Instant> now = handle.attach(DraftDao.class).lockUpdatedAt(tenantId, formKey);
        Optional<Instant> before = seen.saved() ? Optional.ofNullable(seen.updatedAt()) : Optional.empty();
        if (!now.equals(before)) {
            throw new DomainException("draftChanged", 409, "the draft changed meanwhile");
        }
    }

    /** The draft with its definition compiled against the current base, and the tree the designer shows. */
    public record CompiledDraft(Draft draft, ObjectNode definition, List<DesignerModel.Node> tree) {}

    public CompiledDraft compiledDraft(TenantId tenantId, String formKey) {
        Draft draft = draft(tenantId, formKey);
        ObjectNode definition = definitionOf(draft);
        return new CompiledDraft(draft, definition, DesignerModel.tree(definition, draft.customisation()));
    }

    /** The definition the draft compiles to against the current base (an imported draft's, as imported). */
    public ObjectNode draftDefinition(TenantId tenantId, String formKey) {
        return definitionOf(draft(tenantId, formKey));
    }

    private ObjectNode definitionOf(Draft draft) {
        return draft.imported() ? draft.definition().deepCopy() : definitionOf(draft.customisation());
    }

    /** The definition a customisation compiles to against the current base; null or empty gives the base. */
    public ObjectNode definitionOf(JsonNode customisation) {
        return compiler.compile(BaseSchema.baseSchema(), customisation).definition();
    }

    /**
     * The draft with the designer's form as posted, as a caseworker would see it, saving nothing.
     *
     * @throws InvalidFormDefinitionException when the posted choices do not compile
     */
    public CompiledForm previewOf(TenantId tenantId, String formKey, Map<String, List<String>> posted) {
        Draft draft = draft(tenantId, formKey);
        if (draft.imported()) { // the designer's choices cannot apply to it (see ImportedFormException)
            return forms.preview(formKey, definitionOf(draft));
        }
        return forms.preview(formKey, definitionOf(choices(draft, posted)));
    }

    /** Saves the designer's form (see {@link DesignerModel#customisation}) as the draft. */
    public void saveChoices(TenantId tenantId, String formKey, Map<String, List<String>> posted, Actor actor) {
        saveDraft(tenantId, formKey, choices(draft(tenantId, formKey), posted), actor);
    }

    /** Saves the designer's form as the draft, with one field moved a place among its siblings. */
    public void moveField(TenantId tenantId, String formKey, Map<String, List<String>> posted, FieldMove move,
                          Actor actor) {
        CompiledDraft current = compiledDraft(tenantId, formKey);
        saveDraft(tenantId, formKey, choices(current.draft(), move.applyTo(current.tree(), posted)), actor);
    }

    private static ObjectNode choices(Draft draft, Map<String, List<String>> posted) {
        return DesignerModel.customisation(BaseSchema.baseSchema(), draft.customisation(), posted,
                new LinkedHashSet<>(Modules.ALL));
    }

    /**
     * A custom field of the draft.
     *
     * @throws DomainException {@code notFound} (404)
     */
    public CustomField customField(TenantId tenantId, String formKey, String key) {
        return DraftCustomFields.find(draft(tenantId, formKey).customisation(), key).map(CustomField::fromJson)
                .orElseThrow(() -> noCustomField(key));
    }

    /** Adds a custom field at the end of the draft's. */
    public void addCustomField(TenantId tenantId, String formKey, CustomField field, Actor actor) {
        ObjectNode customisation = draft(tenantId, formKey).customisation().deepCopy();
        DraftCustomFields.of(customisation).add(field.toJson());
        saveDraft(tenantId, formKey, customisation, actor);
    }

    /**
     * Changes a custom field of the draft, all but its key and type (records hold values under them)
     * and its order and visibility (the designer's form sets those).
     */
    public void editCustomField(TenantId tenantId, String formKey, String key, CustomField edited, Actor actor) {
        ObjectNode customisation = draft(tenantId, formKey).customisation().deepCopy();
        CustomField existing = DraftCustomFields.find(customisation, key).map(CustomField::fromJson)
                .orElseThrow(() -> noCustomField(key));
        DraftCustomFields.replace(customisation, key, edited.withFixed(key, existing.type(), existing.orderOrDefault(),
                existing.isHidden()).toJson());
        saveDraft(tenantId, formKey, customisation, actor);
    }

    /**
     * Removes a custom field from the draft, only when no record holds a value for it: a field holding
     * data is hidden instead, never removed.
     *
     * @throws FieldHoldsDataException when records hold a value for it
     */
    public void removeCustomField(TenantId tenantId, String formKey, String key, Actor actor) {
        ObjectNode customisation = draft(tenantId, formKey).customisation().deepCopy();
        if (DraftCustomFields.find(customisation, key).isEmpty()) {
            throw noCustomField(key);
        }
        long holding = recordsHolding(tenantId, formKey, key);
        if (holding > 0) {
            throw new FieldHoldsDataException(key, holding);
        }
        DraftCustomFields.remove(customisation, key);
        saveDraft(tenantId, formKey, customisation, actor);
    }

    private static DomainException noCustomField(String key) {
        return new DomainException("notFound", 404, "no custom field " + key);
    }

    /** The draft as a caseworker would see it once published. */
    public CompiledForm preview(TenantId tenantId, String formKey) {
        return forms.preview(formKey, draftDefinition(tenantId, formKey));
    }

    /** What publishing the draft would change, in plain words; empty when nothing would. */
    public List<String> changes(TenantId tenantId, String formKey, Locale locale) {
        JsonNode published = forms.latest(tenantId, formKey).definition();
        return FormDiff.between(published, draftDefinition(tenantId, formKey), locale);
    }

    /**
     * The fields publishing the draft would make required, each with how many of the service's
     * case files lack it: one count per field in SQL (see {@link NewlyRequired} for what a count
     * means for a conditional field, a field in an optional section, a field of repeatable rows).
     */
    public List<RequiredChange> requiredChanges(TenantId tenantId, String formKey, Locale locale) {
        List<NewlyRequired.Field> fields = newlyRequired(tenantId, formKey, draftDefinition(tenantId, formKey), locale);
        return jdbi.withHandle(handle -> {
            RecordDao records = new RecordDao(handle);
            return fields.stream().map(field -> new RequiredChange(field, lacking(records, tenantId, formKey, field)))
                    .toList();
        });
    }

    private List<NewlyRequired.Field> newlyRequired(TenantId tenantId, String formKey, JsonNode definition,
                                                    Locale locale) {
        return NewlyRequired.between(forms.latest(tenantId, formKey).effectiveSchema(),
                forms.preview(formKey, definition).effectiveSchema(), locale);
    }

    private static long lacking(RecordDao records, TenantId tenantId, String formKey, NewlyRequired.Field field) {
        String pointer = field.pointer();
        if (field.inRows()) {
            int row = pointer.indexOf("/*/");
            return records.countRowsLacking(tenantId, formKey, jsonPath(pointer.substring(0, row)),
                    jsonPath(pointer.substring(0, row)) + "[*]" + jsonPath(pointer.substring(row + 2)).substring(1));
        }
        Optional<String> section = field.optionalSection().isEmpty() ? Optional.empty()
                : Optional.of(jsonPath(field.optionalSection()));
        return records.countLacking(tenantId, formKey, jsonPath(pointer), section);
    }

    /** {@code /a/b} as the JSON path {@code $.a.b}; keys are data keys (letters, digits, underscore), nothing to quote. */
    private static String jsonPath(String pointer) {
        StringBuilder path = new StringBuilder("$");
        for (String key : pointer.substring(1).split("/")) {
            if (!key.matches("^[A-Za-z][A-Za-z0-9_]{0,62}$")) {
                throw new IllegalArgumentException("not a field key: " + key);
            }
            path.append('.').append(key);
        }
        return path.toString();
    }

    /**
     * Publishes the draft as {@link #publish(TenantId, String, Map, Actor)} does, every field it
     * makes required being required of existing case files too (as before the choice existed):
     * for callers that are not the publish page.
     */
    public int publish(TenantId tenantId, String formKey, Actor actor) {
        List<NewlyRequired.Field> fields = newlyRequired(tenantId, formKey, draftDefinition(tenantId, formKey),
                Locale.FRENCH);
        Map<String, RequiredScope> all = new LinkedHashMap<>();
        fields.forEach(field -> all.put(field.pointer(), RequiredScope.ALSO_EXISTING));
        return publish(tenantId, formKey, all, actor);
    }

    /**
     * Publishes the draft as the next version and forgets the draft, in one transaction with its
     * audit event, storing for each field it makes required the admin's choice of whom it is
     * required; then recomputes the "à compléter" flag of the service's case files.
     *
     * @param chosen the choice for each field the draft makes required, by pointer; others are ignored
     * @return the new version number
     * @throws RequiredChoiceMissingException when a field the draft makes required has no choice
     */
    public int publish(TenantId tenantId, String formKey, Map<String, RequiredScope> chosen, Actor actor) {
        Draft draft = draft(tenantId, formKey);
        // A version published from an imported file keeps no customisation: it is a whole definition.
        ObjectNode customisation = draft.imported() ? null : draft.customisation();
        ObjectNode definition = definitionOf(draft);
        List<String> changes = FormDiff.between(forms.latest(tenantId, formKey).definition(), definition, Locale.FRENCH);
        Map<String, RequiredScope> choices = new LinkedHashMap<>();
        List<String> unchosen = new ArrayList<>();
        for (NewlyRequired.Field field : newlyRequired(tenantId, formKey, definition, Locale.FRENCH)) {
            RequiredScope scope = chosen.get(field.pointer());
            if (scope == null) {
                unchosen.add(field.pointer());
            } else {
                choices.put(field.pointer(), scope);
            }
        }
        if (!unchosen.isEmpty()) {
            throw new RequiredChoiceMissingException(unchosen);
        }
        int published = jdbi.inTransaction(handle -> {
            requireUnchanged(handle, tenantId, formKey, draft);
            int version = forms.publish(handle, tenantId, formKey, definition, customisation,
                    new RequiredChoices(choices), actor.id());
            handle.attach(DraftDao.class).delete(tenantId, formKey);
            ObjectNode details = json.createObjectNode().put("form", formKey).put("version", version);
            Integer held = draft.upstreamVersion() != null ? draft.upstreamVersion()
                    : sourceVersionOf(handle, tenantId, formKey, version - 1);
            if (draft.imported()) {
                markImported(handle, tenantId, formKey, version);
                details.put("imported", true);
                // A source's updates are customisations of a form this service no longer has.
                details.put("sourceUnlinked", handle.attach(DraftDao.class).unlinkSource(tenantId) > 0);
            } else if (held != null) {
                recordSourceVersion(handle, tenantId, formKey, version, held);
                details.put("sourceVersion", held);
            }
            changes.forEach(details.putArray("changes")::add);
            ObjectNode required = details.putObject("required");
            choices.forEach((pointer, scope) -> required.put(pointer, scope.code()));
            audit.record(handle, tenantId, actor, "form.published", TARGET, formKey, details);
            return version;
        });
        // After the commit, so that every save from now on uses the new version; rows saved
        // meanwhile keep the flag their save computed (see ToComplete).
        toComplete.refresh(tenantId, forms.version(tenantId, formKey, published));
        return published;
    }

    /** Every published version, newest first. */
    public List<FormVersionDao.FormVersionRow> history(TenantId tenantId, String formKey) {
        return forms.history(tenantId, formKey);
    }

    /**
     * Makes a published version's customisation the draft again; publishing it makes a new version.
     * Source updates pulled into the draft are dropped with it.
     */
    public void restore(TenantId tenantId, String formKey, int version, Actor actor) {
        FormVersionDao.FormVersionRow row = forms.stored(tenantId, formKey, version)
                .orElseThrow(() -> new DomainException("notFound", 404, "no version " + version));
        if (isImported(tenantId, formKey, version)) {
            ObjectNode definition = object(row.definition());
            jdbi.useTransaction(handle -> saveImportedDraft(handle, tenantId, formKey, definition, actor));
            return;
        }
        ObjectNode customisation = customisationOf(row);
        jdbi.useTransaction(handle -> saveDraft(handle, tenantId, formKey, customisation, actor,
                sourceVersionOf(handle, tenantId, formKey, version)));
    }

    /** How many of the service's records hold a value for a root-level field (a custom field). */
    public long recordsHolding(TenantId tenantId, String formKey, String key) {
        if (!key.matches("^[A-Za-z][A-Za-z0-9_]{0,62}$")) {
            throw new IllegalArgumentException("not a field key: " + key);
        }
        return jdbi.withHandle(handle -> new RecordDao(handle).countHolding(tenantId, formKey, "$." + key));
    }

    private ObjectNode publishedCustomisation(TenantId tenantId, String formKey) {
        CompiledForm latest = forms.latest(tenantId, formKey);
        return forms.stored(tenantId, formKey, latest.version())
                .map(FormVersionDao.FormVersionRow::customisation)
                .filter(text -> text != null)
                .map(this::object)
                .orElseGet(json::createObjectNode);
    }

    /** For a clone, records which version of its source's form one of its published versions holds. */
    public void recordSourceVersion(Handle handle, TenantId tenantId, String formKey, int version, int sourceVersion) {
        handle.attach(DraftDao.class).insertUpstream(tenantId, formKey, version, sourceVersion, now());
    }

    /**
     * The version of its source's form a clone's published version holds (that of the nearest earlier
     * version recorded, for a version published otherwise than from the designer); null for a
     * service without a source.
     */
    public Integer sourceVersionOf(Handle handle, TenantId tenantId, String formKey, int version) {
        return handle.attach(DraftDao.class).sourceVersionAtOrBefore(tenantId, formKey, version).orElse(null);
    }

    /** The customisation a stored version was compiled from; empty for one published as a whole definition. */
    public ObjectNode customisationOf(FormVersionDao.FormVersionRow row) {
        return row.customisation() == null ? json.createObjectNode() : object(row.customisation());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private ObjectNode object(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node.isObject() ? (ObjectNode) node : json.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored customisation is not JSON", e);
        }
    }
}
