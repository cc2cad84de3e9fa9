package org.dossier.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.record.CaseRecord;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Publishing form versions against the real database. */
@Tag("integration")
class FormServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Services services = TestDatabase.services();

    @Test
    void publishing_numbers_versions_per_tenant_and_form_and_keeps_old_versions_unchanged() {
        Tenant tenant = TestTenants.withBaseForm(services, "forms");
        Tenant other = TestTenants.withBaseForm(services, "forms-other");
        ObjectNode changed = (ObjectNode) BaseSchema.baseSchema();
        ((ObjectNode) changed.at("/properties/identite/properties/nom/x-label")).put("fr", "Nom d'usage");

        int second = services.jdbi().inTransaction(handle ->
                services.forms().publish(handle, tenant.id(), FormService.CASE_FILE, changed, "admin@test"));

        assertThat(second).isEqualTo(2);
        assertThat(services.forms().latest(tenant.id(), FormService.CASE_FILE).version()).isEqualTo(2);
        assertThat(services.forms().latest(other.id(), FormService.CASE_FILE).version()).isEqualTo(1);
        assertThat(services.forms().version(tenant.id(), FormService.CASE_FILE, 1).definition()
                .at("/properties/identite/properties/nom/x-label/fr").asText()).isEqualTo("Nom");
        assertThat(services.forms().version(tenant.id(), FormService.CASE_FILE, 2).definition()
                .at("/properties/identite/properties/nom/x-label/fr").asText()).isEqualTo("Nom d'usage");
    }

    @Test
    void a_record_stores_the_version_it_was_last_validated_against() {
        Tenant tenant = TestTenants.withBaseForm(services, "forms-rec");
        ObjectNode data = JSON.createObjectNode();
        data.putObject("accompagnement").put("statut", "en_cours").put("date_ouverture", "2025-05-05");
        data.putObject("identite").put("nom", "Vidal").put("prenom", "Rose");
        Actor actor = Actor.system("test");
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, actor, Locale.FRENCH);
        services.jdbi().useTransaction(handle ->
                services.forms().publish(handle, tenant.id(), FormService.CASE_FILE, BaseSchema.baseSchema(), "admin@test"));

        assertThat(services.records().get(tenant.id(), record.id()).schemaVersion()).isEqualTo(1);
        CaseRecord updated = services.records().update(tenant.id(), record.id(), 1, data, actor, Locale.FRENCH);
        assertThat(updated.schemaVersion()).isEqualTo(2);
        assertThat(services.records().get(tenant.id(), record.id()).schemaVersion()).isEqualTo(2);
    }

    @Test
    void a_broken_definition_is_refused_and_nothing_is_published() {
        Tenant tenant = TestTenants.withBaseForm(services, "forms-bad");
        ObjectNode broken = (ObjectNode) BaseSchema.baseSchema();
        ((ObjectNode) broken.at("/properties/identite/properties/nom")).put("x-colour", "red");

        assertThatThrownBy(() -> services.jdbi().useTransaction(handle ->
                services.forms().publish(handle, tenant.id(), FormService.CASE_FILE, broken, "admin@test")))
                .isInstanceOf(InvalidFormDefinitionException.class)
                .hasMessageContaining("/properties/identite/properties/nom");
        assertThat(services.forms().latest(tenant.id(), FormService.CASE_FILE).version()).isEqualTo(1);
    }
}
