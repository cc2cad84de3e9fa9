package org.dossier.formfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.designer.DesignerService;
import org.dossier.form.CompiledForm;
import org.dossier.form.DefinitionProblem;
import org.dossier.form.FormService;
import org.dossier.form.FormVersionDao;
import org.dossier.form.InvalidFormDefinitionException;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * A service's form as files. Export: the published version's definition and the customisation it
 * was compiled from. Import: a whole definition becomes the service's draft, after the checks every
 * publication makes ({@link FormService#preview}: the meta-schema, the definition rules, the
 * compiler) and one of its own, that a field holding data keeps its type ({@link HeldFieldTypes});
 * refused with every problem at once, storing nothing. Publishing it is the designer's publish.
 */
public final class FormFiles {
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final FormService forms;
    private final DesignerService designer;
    private final AuditLog audit;

    public FormFiles(Jdbi jdbi, ObjectMapper json, FormService forms, DesignerService designer, AuditLog audit) {
        this.jdbi = jdbi;
        this.json = json;
        this.forms = forms;
        this.designer = designer;
        this.audit = audit;
    }

    /**
     * The published version as files.
     *
     * @param customisation the designer's choices it was compiled from over the base form; empty for
     *                      a version published from an imported definition, or as the base itself
     * @param imported      whether the definition was imported from a file rather than made with the designer
     */
    public record Published(int version, ObjectNode definition, ObjectNode customisation, boolean imported) {}

    /** @throws org.dossier.form.NoSuchFormException (404) when the service has no such form */
    public Published published(TenantId tenantId, String formKey) {
        CompiledForm latest = forms.latest(tenantId, formKey);
        FormVersionDao.FormVersionRow row = forms.stored(tenantId, formKey, latest.version()).orElseThrow();
        return new Published(latest.version(), object(row.definition()), designer.customisationOf(row),
                designer.isImported(tenantId, formKey, latest.version()));
    }

    /** The draft as a whole definition: what publishing it would make the service's form. */
    public ObjectNode draft(TenantId tenantId, String formKey) {
        forms.latest(tenantId, formKey);
        return designer.draftDefinition(tenantId, formKey);
    }

    /**
     * Checks a definition and keeps it as the draft, in one transaction with its audit event
     * ({@code form.draft.imported}). The published form and its versions are untouched until the
     * draft is published.
     *
     * @throws InvalidFormDefinitionException with every problem found; nothing is stored then
     * @throws org.dossier.form.NoSuchFormException (404) when the service has no such form
     */
    public void importDraft(TenantId tenantId, String formKey, JsonNode definition, Actor actor) {
        CompiledForm published = forms.latest(tenantId, formKey);
        List<DefinitionProblem> problems = new ArrayList<>();
        try {
            forms.preview(formKey, definition);
        } catch (InvalidFormDefinitionException e) {
            problems.addAll(e.problems());
        }
        if (definition != null && definition.isObject()) {
            problems.addAll(jdbi.withHandle(handle ->
                    HeldFieldTypes.changed(handle, tenantId, formKey, published.definition(), definition)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFormDefinitionException(problems);
        }
        ObjectNode imported = ((ObjectNode) definition).deepCopy();
        jdbi.useTransaction(handle -> {
            designer.saveImportedDraft(handle, tenantId, formKey, imported, actor);
            ObjectNode details = json.createObjectNode().put("form", formKey).put("publishedVersion", published.version())
                    .put("title", imported.path("title").asText(""));
            audit.record(handle, tenantId, actor, "form.draft.imported", "form", formKey, details);
        });
    }

    /**
     * Reads a file's bytes as a definition.
     *
     * @throws InvalidFormDefinitionException (keyword {@code json}) when they are not one JSON document
     */
    public JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw notJson("the file is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw notJson(e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw notJson(e.getMessage());
        }
    }

    private static InvalidFormDefinitionException notJson(String why) {
        return new InvalidFormDefinitionException(List.of(new DefinitionProblem("", "json", "not a JSON document: " + why)));
    }

    private ObjectNode object(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form definition is not JSON", e);
        }
    }
}
