package org.dossier.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.dossier.account.LoginThrottle;
import org.dossier.form.FormCompiler;
import org.dossier.json.StrictJson;
import org.dossier.register.ProcessingRegister.Category;
import org.dossier.register.ProcessingRegister.FieldEntry;
import org.dossier.register.ProcessingRegister.Purpose;
import org.dossier.register.ProcessingRegister.Recipient;
import org.junit.jupiter.api.Test;

/** The register computed from a form whose annotations are known, without a database. */
class RegisterBuilderTest {
    private static final Instant PUBLISHED = Instant.parse("2026-03-01T09:00:00Z");
    private static final RegisterBuilder.Settings SETTINGS = new RegisterBuilder.Settings("Service Test", "service-test",
            ProcessingRegister.Controller.EMPTY, new ProcessingRegister.Retention(2, 5), PlatformSettings.HOSTING,
            SecurityMeasures.of(Duration.ofMinutes(30), Duration.ofHours(12), LoginThrottle.Limits.defaults()));

    private static ProcessingRegister register() {
        return RegisterBuilder.build(new FormCompiler().compile("dossier", 3, RegisterForms.definition(RegisterForms.CARE))
                .effectiveSchema(), 3, PUBLISHED, PUBLISHED, SETTINGS);
    }

    @Test
    void each_purpose_comes_with_its_legal_basis_in_the_order_the_form_names_them() {
        assertThat(register().purposes()).extracting(Purpose::name, Purpose::legalBasis).containsExactly(
                tuple(RegisterForms.CARE, "public-task"), tuple(RegisterForms.SMS, "consent"));
    }

    @Test
    void categories_group_the_fields_with_their_labels_and_a_group_listing_people_names_them_as_concerned() {
        Purpose care = register().purposes().get(0);
        assertThat(care.categories()).extracting(Category::name).containsExactly(RegisterForms.IDENTITY,
                RegisterForms.HEALTH, RegisterForms.FAMILY);
        Category identity = care.categories().get(0);
        assertThat(identity.fields()).extracting(FieldEntry::path).containsExactly("identite.nom",
                "identite.date_naissance", "membres[].nom");
        assertThat(identity.fields().get(0).label()).isEqualTo(new ProcessingRegister.Label("Identité › Nom",
                "Identity › Last name"));
        assertThat(identity.fields().get(2).subjects().fr()).isEqualTo("Membres du foyer");
        assertThat(care.subjects()).containsExactly(RegisterBuilder.PERSONS_HELPED,
                new ProcessingRegister.Label("Membres du foyer", "Household members"));
    }

    @Test
    void a_special_category_is_flagged_and_its_confidential_fields_are_read_only_with_the_grant() {
        Purpose care = register().purposes().get(0);
        Category health = care.categories().get(1);
        assertThat(health.specialCategory()).isTrue();
        assertThat(health.fields()).singleElement().satisfies(field -> assertThat(field.confidential()).isTrue());
        assertThat(health.recipients()).extracting(Recipient::role, Recipient::grantRequired, Recipient::requestsOnly)
                .containsExactly(tuple("admin", true, false), tuple("caseworker", true, false),
                        tuple("viewer", true, false), tuple("dpo", true, true));
        Category identity = care.categories().get(0);
        assertThat(identity.specialCategory()).isFalse();
        assertThat(identity.recipients()).extracting(Recipient::role, Recipient::grantRequired)
                .containsExactly(tuple("admin", false), tuple("caseworker", false), tuple("viewer", false),
                        tuple("dpo", false));
        assertThat(register().hasSpecialCategories()).isTrue();
    }

    @Test
    void fields_without_annotation_are_to_complete_and_hidden_fields_are_left_out() {
        ProcessingRegister register = register();
        assertThat(register.toComplete()).extracting(FieldEntry::path).containsExactly("remarque", "pointure");
        assertThat(register.toComplete().get(1).label().fr()).isEqualTo("Identité › Pointure");
        assertThat(register.purposes()).extracting(Purpose::name).doesNotContain("Finalité abandonnée");
    }

    @Test
    void the_platform_settings_come_with_it_and_it_reads_back_from_json_unchanged() throws Exception {
        ProcessingRegister register = register();
        assertThat(register.formVersion()).isEqualTo(3);
        assertThat(register.retention()).isEqualTo(new ProcessingRegister.Retention(2, 5));
        assertThat(register.hosting().country()).isEqualTo("CH");
        assertThat(register.measures()).extracting(SecurityMeasures.Measure::key).contains("passwords", "sessions",
                "throttling", "csrf", "isolation", "audit", "encryption", "auditChain");
        assertThat(register.measures()).filteredOn(measure -> measure.key().equals("sessions")).singleElement()
                .satisfies(measure -> assertThat(measure.values()).containsExactly("30", "12"));
        ObjectMapper json = StrictJson.mapper();
        assertThat(json.readValue(json.writeValueAsString(register), ProcessingRegister.class)).isEqualTo(register);
    }
}
