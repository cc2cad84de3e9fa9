package org.dossier.formfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditEvent;
import org.dossier.designer.ImportedFormException;
import org.dossier.form.BaseSchema;
import org.dossier.form.DefinitionProblem;
import org.dossier.form.FormService;
import org.dossier.form.InvalidFormDefinitionException;
import org.dossier.onboarding.CloneRequest;
import org.dossier.onboarding.ClonedService;
import org.dossier.onboarding.CreatedService;
import org.dossier.onboarding.NewService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Forms as files in the engine: export, import as the draft, publish, and what an import may not do. */
@Tag("integration")
class FormFilesTest {
    private static final String FORM = FormService.CASE_FILE;
    private static final Actor ADMIN = new Actor("admin@formfiles.test", null);

    private Services services;
    private FormFiles files;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        files = new FormFiles(services.jdbi(), services.mapper(), services.forms(), services.designer(), services.audit());
    }

    @Test
    void a_form_exported_imported_into_another_service_and_published_is_the_same_definition() {
        Tenant source = TestTenants.withForm(services, "ff-src", FormFixtures.foodAid());
        Tenant target = TestTenants.withBaseForm(services, "ff-dst");

        FormFiles.Published exported = files.published(source.id(), FORM);
        files.importDraft(target.id(), FORM, exported.definition(), ADMIN);

        assertThat(services.forms().latest(target.id(), FORM).version()).as("nothing published yet").isEqualTo(1);
        assertThat(services.forms().latest(target.id(), FORM).definition()).isEqualTo(BaseSchema.baseSchema());
        assertThat(files.draft(target.id(), FORM)).isEqualTo(FormFixtures.foodAid());

        int version = services.designer().publish(target.id(), FORM, ADMIN);

        FormFiles.Published published = files.published(target.id(), FORM);
        assertThat(version).isEqualTo(2);
        assertThat(published.version()).isEqualTo(2);
        assertThat(published.definition()).isEqualTo(FormFixtures.foodAid()).isEqualTo(exported.definition());
        assertThat(published.imported()).isTrue();
        assertThat(published.customisation()).isEmpty();
        assertThat(services.designer().draft(target.id(), FORM).saved()).as("the draft went with the publish").isFalse();
        assertThat(services.designer().draftDefinition(target.id(), FORM))
                .as("the next draft starts from the imported form, not from the base").isEqualTo(FormFixtures.foodAid());
        AuditEvent imported = TestAudit.events(services, target.id().value(), "form.draft.imported", ADMIN.id()).get(0);
        assertThat(TestAudit.details(imported)).containsEntry("form", FORM).containsEntry("publishedVersion", "1")
                .containsEntry("title", "Demande d'aide alimentaire");
        AuditEvent publication = TestAudit.events(services, target.id().value(), "form.published", ADMIN.id()).get(0);
        assertThat(TestAudit.details(publication)).containsEntry("version", "2").containsEntry("imported", "true");
    }

    @Test
    void an_invalid_definition_is_refused_with_every_problem_and_nothing_is_stored() {
        Tenant target = TestTenants.withBaseForm(services, "ff-bad");

        assertThatThrownBy(() -> files.importDraft(target.id(), FORM, FormFixtures.refused(), ADMIN))
                .isInstanceOfSatisfying(InvalidFormDefinitionException.class, refused ->
                        assertThat(refused.problems()).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                                .contains(tuple("/required/1", "required"),
                                        tuple("/properties/demandeur/properties/nom/x-couleur", "x-couleur"),
                                        tuple("/properties/demandeur/properties/enfants/maxItems", "maxItems")));

        assertThat(services.designer().draft(target.id(), FORM).saved()).isFalse();
        assertThat(services.designer().draftDefinition(target.id(), FORM)).isEqualTo(BaseSchema.baseSchema());
        assertThat(services.forms().history(target.id(), FORM)).hasSize(1);
        assertThat(TestAudit.events(services, target.id().value(), "form.draft.imported", ADMIN.id())).isEmpty();
    }

    @Test
    void a_file_that_is_not_json_is_refused_with_the_keyword_json() {
        assertThatThrownBy(() -> files.parse("{\"type\": \"object\",".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidFormDefinitionException.class, refused ->
                        assertThat(refused.problems()).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                                .containsExactly(tuple("", "json")));
    }

    @Test
    void a_field_that_holds_data_keeps_its_type() {
        Tenant target = TestTenants.withBaseForm(services, "ff-held");
        ObjectNode data = services.mapper().createObjectNode();
        data.putObject("accompagnement").put("statut", "en_cours").put("date_ouverture", "2025-03-14");
        data.putObject("identite").put("nom", "Durand").put("prenom", "Inès");
        services.records().create(target.id(), FORM, data, ADMIN, Locale.FRENCH);
        ObjectNode changed = BaseSchema.baseSchema().deepCopy();
        ObjectNode nom = (ObjectNode) changed.at("/properties/identite/properties/nom");
        nom.put("type", "integer");
        nom.remove(java.util.List.of("minLength", "maxLength", "pattern", "x-errorMessage"));

        assertThatThrownBy(() -> files.importDraft(target.id(), FORM, changed, ADMIN))
                .isInstanceOfSatisfying(InvalidFormDefinitionException.class, refused ->
                        assertThat(refused.problems()).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                                .containsExactly(tuple("/properties/identite/properties/nom/type", "type")));
        assertThat(services.designer().draft(target.id(), FORM).saved()).isFalse();
    }

    @Test
    void the_items_of_a_list_that_holds_values_keep_their_type_and_an_empty_list_holds_none() {
        ObjectNode form = FormFixtures.foodAid();
        ((ObjectNode) form.at("/properties/foyer/properties")).putObject("langues").put("type", "array")
                .putObject("items").put("type", "string");
        Tenant holding = TestTenants.withForm(services, "ff-items", form);
        Tenant empty = TestTenants.withForm(services, "ff-items-empty", form);
        ObjectNode data = services.mapper().createObjectNode();
        data.putObject("demandeur").put("nom", "Durand");
        data.putObject("foyer").putArray("langues").add("fr");
        services.records().create(holding.id(), FORM, data, ADMIN, Locale.FRENCH);
        ObjectNode none = data.deepCopy();
        ((ObjectNode) none.get("foyer")).putArray("langues");
        services.records().create(empty.id(), FORM, none, ADMIN, Locale.FRENCH);
        ObjectNode changed = form.deepCopy();
        ((ObjectNode) changed.at("/properties/foyer/properties/langues/items")).put("type", "integer");

        assertThatThrownBy(() -> files.importDraft(holding.id(), FORM, changed, ADMIN))
                .isInstanceOfSatisfying(InvalidFormDefinitionException.class, refused ->
                        assertThat(refused.problems()).extracting(DefinitionProblem::path, DefinitionProblem::keyword)
                                .containsExactly(tuple("/properties/foyer/properties/langues/items/type", "type")));
        files.importDraft(empty.id(), FORM, changed, ADMIN);
        assertThat(files.draft(empty.id(), FORM)).isEqualTo(changed);
    }

    @Test
    void the_designer_cannot_change_an_imported_draft_until_a_designer_version_is_restored() {
        Tenant target = TestTenants.withBaseForm(services, "ff-designer");
        files.importDraft(target.id(), FORM, FormFixtures.foodAid(), ADMIN);

        assertThatThrownBy(() -> services.designer().saveDraft(target.id(), FORM, services.mapper().createObjectNode(), ADMIN))
                .isInstanceOf(ImportedFormException.class);
        assertThat(services.designer().draftDefinition(target.id(), FORM)).isEqualTo(FormFixtures.foodAid());

        services.designer().restore(target.id(), FORM, 1, ADMIN);

        assertThat(services.designer().draft(target.id(), FORM).imported()).isFalse();
        assertThat(services.designer().draftDefinition(target.id(), FORM)).isEqualTo(BaseSchema.baseSchema());
    }

    @Test
    void an_imported_version_restored_from_the_history_is_the_imported_draft_again() {
        Tenant target = TestTenants.withBaseForm(services, "ff-restore");
        files.importDraft(target.id(), FORM, FormFixtures.foodAid(), ADMIN);
        services.designer().publish(target.id(), FORM, ADMIN);
        services.designer().restore(target.id(), FORM, 1, ADMIN);
        services.designer().publish(target.id(), FORM, ADMIN);
        assertThat(services.forms().latest(target.id(), FORM).definition()).isEqualTo(BaseSchema.baseSchema());

        services.designer().restore(target.id(), FORM, 2, ADMIN);

        assertThat(services.designer().draft(target.id(), FORM).imported()).isTrue();
        assertThat(services.designer().draftDefinition(target.id(), FORM)).isEqualTo(FormFixtures.foodAid());
    }

    @Test
    void publishing_an_imported_form_unlinks_a_clone_from_its_source_and_a_clone_of_it_keeps_it() {
        Tenant source = TestTenants.withBaseForm(services, "ff-origin");
        ClonedService clone = services.onboarding().clone(new CloneRequest(source.slug(), source.slug() + "-c",
                "Clone", "first-admin@formfiles.test", ""), ADMIN);
        Tenant cloned = clone.tenant();
        files.importDraft(cloned.id(), FORM, FormFixtures.foodAid(), ADMIN);
        assertThat(services.tenants().sourceOf(cloned.id())).as("linked until the publish").isPresent();
        services.designer().restore(source.id(), FORM, 1, ADMIN);
        services.designer().publish(source.id(), FORM, ADMIN);
        assertThatThrownBy(() -> services.upstreams().pull(cloned.id(), 2, Map.of(), ADMIN))
                .as("the source's updates would replace the imported draft").isInstanceOf(ImportedFormException.class);
        assertThat(services.designer().draft(cloned.id(), FORM).imported()).isTrue();

        services.designer().publish(cloned.id(), FORM, ADMIN);

        assertThat(services.tenants().sourceOf(cloned.id())).isEmpty();
        AuditEvent publication = TestAudit.events(services, cloned.id().value(), "form.published", ADMIN.id()).get(0);
        assertThat(TestAudit.details(publication)).containsEntry("sourceUnlinked", "true");
        ClonedService second = services.onboarding().clone(new CloneRequest(cloned.slug(), cloned.slug() + "-c",
                "Clone du clone", "second-admin@formfiles.test", ""), ADMIN);
        assertThat(services.designer().draftDefinition(second.tenant().id(), FORM)).isEqualTo(FormFixtures.foodAid());
    }

    @Test
    void a_super_admin_creates_a_service_whose_form_is_a_definition_file() {
        String slug = "ff-created-" + ProcessHandle.current().pid();

        CreatedService created = services.onboarding().createFromDefinition(
                new NewService("Épicerie solidaire", slug, "", "epicerie@formfiles.test", ""), FormFixtures.foodAid(), ADMIN);

        assertThat(services.forms().latest(created.tenant().id(), FORM).definition()).isEqualTo(FormFixtures.foodAid());
        assertThat(files.published(created.tenant().id(), FORM).imported()).isTrue();
        assertThat(services.designer().draftDefinition(created.tenant().id(), FORM)).isEqualTo(FormFixtures.foodAid());
        Map<String, String> details = TestAudit.details(TestAudit.events(services, 0, "tenant.created", ADMIN.id())
                .stream().filter(event -> event.targetId().equals(created.tenant().id().toString())).findFirst().orElseThrow());
        assertThat(details).containsEntry("slug", slug).containsEntry("formImported", "true");
    }

    @Test
    void a_service_is_not_created_from_a_refused_definition() {
        String slug = "ff-refused-" + ProcessHandle.current().pid();

        assertThatThrownBy(() -> services.onboarding().createFromDefinition(
                new NewService("Refusé", slug, "", "refused@formfiles.test", ""), FormFixtures.refused(), ADMIN))
                .isInstanceOf(InvalidFormDefinitionException.class);

        assertThat(services.tenants().find(slug)).isEmpty();
    }
}
