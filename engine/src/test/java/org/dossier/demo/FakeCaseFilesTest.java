package org.dossier.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.dossier.demo.BaseSchemaForTests.ConditionalField;
import org.dossier.demo.FakeCaseFiles.Options;
import org.dossier.form.VisibleWhen;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class FakeCaseFilesTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 14);
    private static final Options ALL = new Options(true, true, TODAY);
    private static final Pattern PHONE = Pattern.compile("^(\\+33 ?|0)[1-9]( ?[0-9]{2}){4}$");

    private static List<ObjectNode> records(long seed, Options options) {
        return new FakeCaseFiles(seed).generate(200, options);
    }

    @Test
    void same_seed_gives_the_same_records() {
        assertThat(records(42, ALL)).isEqualTo(records(42, ALL));
        assertThat(new FakeCaseFiles(7).next(ALL)).isEqualTo(new FakeCaseFiles(7).next(ALL));
    }

    @Test
    void different_seeds_give_different_records() {
        assertThat(records(1, ALL)).isNotEqualTo(records(2, ALL));
    }

    @Test
    void two_hundred_records_satisfy_the_base_schema_with_every_option() {
        assertAllValid(records(2025, ALL));
        assertAllValid(records(2026, new Options(false, false, TODAY)));
    }

    private static void assertAllValid(List<ObjectNode> records) {
        Schema schema = BaseSchemaForTests.validator();
        List<String> failures = new ArrayList<>();
        for (ObjectNode record : records) {
            try {
                schema.validate(new JSONObject(record.toString()));
            } catch (ValidationException e) {
                failures.add(e.getAllMessages() + " in " + record);
            }
        }
        assertThat(records).hasSize(200);
        assertThat(failures).isEmpty();
    }

    @Test
    void schema_used_here_refuses_a_closed_case_without_closing_date_and_unknown_keys() {
        Schema schema = BaseSchemaForTests.validator();
        ObjectNode record = new FakeCaseFiles(15).next(ALL);
        ObjectNode support = (ObjectNode) record.get("accompagnement");
        support.put("statut", "clos");
        support.remove("date_cloture");
        assertThat(errorsOf(schema, record)).contains("#/accompagnement: required key [date_cloture] not found");
        support.put("date_cloture", "14/03/2025");
        assertThat(errorsOf(schema, record)).anyMatch(message -> message.contains("date_cloture"));
        support.put("date_cloture", TODAY.toString());
        record.put("commentaire", "libre");
        assertThat(errorsOf(schema, record)).contains("#: extraneous key [commentaire] is not permitted");
    }

    private static List<String> errorsOf(Schema schema, ObjectNode record) {
        try {
            schema.validate(new JSONObject(record.toString()));
            return List.of();
        } catch (ValidationException e) {
            return e.getAllMessages();
        }
    }

    @Test
    void records_carry_no_null_value() {
        for (ObjectNode record : records(3, ALL)) {
            assertNoNull(record, "");
        }
    }

    private static void assertNoNull(JsonNode node, String path) {
        if (node.isNull()) {
            fail("null at " + path);
        }
        node.fields().forEachRemaining(entry -> assertNoNull(entry.getValue(), path + "/" + entry.getKey()));
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            assertNoNull(node.get(i), path + "/" + i);
        }
    }

    @Test
    void without_branch_no_record_has_an_antenne() {
        List<ObjectNode> records = records(4, new Options(false, true, TODAY));
        assertThat(records).noneMatch(record -> record.path("accompagnement").has("antenne"));
        assertThat(records(4, ALL)).allMatch(record -> record.path("accompagnement").has("antenne"));
    }

    @Test
    void without_eviction_section_no_record_has_prevention_expulsions() {
        assertThat(records(5, new Options(true, false, TODAY))).noneMatch(record -> record.has("prevention_expulsions"));
    }

    @Test
    void eviction_section_appears_on_about_a_third_of_the_records() {
        long withSection = records(6, ALL).stream().filter(record -> record.has("prevention_expulsions")).count();
        assertThat(withSection).isBetween(40L, 80L);
    }

    @Test
    void closing_date_is_present_exactly_when_status_is_closed() {
        List<ObjectNode> records = records(8, ALL);
        for (ObjectNode record : records) {
            JsonNode support = record.path("accompagnement");
            boolean closed = support.path("statut").asText().equals("clos");
            assertThat(support.has("date_cloture")).as(support.toString()).isEqualTo(closed);
            if (closed) {
                LocalDate closing = LocalDate.parse(support.path("date_cloture").asText());
                assertThat(closing).isAfterOrEqualTo(LocalDate.parse(support.path("date_ouverture").asText())).isBeforeOrEqualTo(TODAY);
            }
        }
        assertThat(records).anyMatch(record -> record.path("accompagnement").has("date_cloture"));
    }

    @Test
    void fields_guarded_by_visible_when_are_absent_while_hidden() {
        List<ConditionalField> fields = BaseSchemaForTests.conditionalFields(BaseSchemaForTests.definition());
        assertThat(fields).extracting(ConditionalField::field).contains("date_cloture", "date_audience");
        VisibleWhen visibleWhen = new VisibleWhen();
        for (ObjectNode record : records(9, ALL)) {
            VisibleWhen.Subject data = VisibleWhen.Subject.of(record);
            for (ConditionalField field : fields) {
                if (!visibleWhen.isVisible(field.condition(), data)) {
                    assertThat(record.path(field.section()).has(field.field())).as(field + " in " + record).isFalse();
                }
            }
        }
    }

    @Test
    void every_phone_number_matches_the_form_pattern() {
        List<String> phones = records(10, ALL).stream()
                .filter(record -> record.path("contact").has("telephone"))
                .map(record -> record.path("contact").path("telephone").asText())
                .toList();
        assertThat(phones).hasSizeGreaterThan(150).allMatch(phone -> PHONE.matcher(phone).matches());
    }

    @Test
    void follow_up_dates_lie_between_opening_and_closing_or_today() {
        for (ObjectNode record : records(11, ALL)) {
            JsonNode support = record.path("accompagnement");
            LocalDate opened = LocalDate.parse(support.path("date_ouverture").asText());
            LocalDate end = support.has("date_cloture") ? LocalDate.parse(support.path("date_cloture").asText()) : TODAY;
            assertThat(record.path("suivis").size()).isBetween(1, 8);
            for (JsonNode entry : record.path("suivis")) {
                assertThat(LocalDate.parse(entry.path("date").asText())).isBetween(opened, end);
            }
        }
    }

    @Test
    void housing_debts_and_eviction_fields_agree() {
        for (ObjectNode record : records(12, ALL)) {
            JsonNode housing = record.path("logement_ressources");
            String type = housing.path("type_logement").asText();
            if (type.equals("sans_domicile") || type.equals("proprietaire")) {
                assertThat(housing.has("loyer")).as(housing.toString()).isFalse();
            }
            assertThat(housing.path("dettes").asBoolean(false)).isEqualTo(housing.has("montant_dettes"));
            List<String> sources = new ArrayList<>();
            housing.path("sources_revenus").forEach(source -> sources.add(source.asText()));
            if (sources.contains("aucune")) {
                assertThat(sources).containsExactly("aucune");
            }
            assertThat(housing.path("nombre_personnes_foyer").asInt()).isEqualTo(1 + record.path("membres_foyer").size());
            JsonNode eviction = record.path("prevention_expulsions");
            if (eviction.path("procedure_en_cours").asBoolean(false)) {
                assertThat(eviction.has("stade")).isTrue();
            }
            if (eviction.has("date_audience")) {
                assertThat(eviction.path("stade").asText()).isIn("assignation", "audience");
            }
        }
    }

    @Test
    void civility_and_social_security_number_match_the_person() {
        int numbers = 0;
        for (ObjectNode record : records(13, ALL)) {
            JsonNode identity = record.path("identite");
            LocalDate birth = LocalDate.parse(identity.path("date_naissance").asText());
            assertThat(Period.between(birth, TODAY).getYears()).isBetween(18, 90);
            String civility = identity.path("civilite").asText("non_precise");
            boolean woman = FrenchNames.WOMEN.contains(identity.path("prenom").asText());
            if (!civility.equals("non_precise")) {
                assertThat(civility).isEqualTo(woman ? "madame" : "monsieur");
            }
            if (identity.has("numero_securite_sociale")) {
                numbers++;
                String number = identity.path("numero_securite_sociale").asText();
                assertThat(number.substring(0, 1)).isEqualTo(woman ? "2" : "1");
                assertThat(number.substring(1, 5)).isEqualTo(String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue()));
                if (number.length() == 15) {
                    long key = Long.parseLong(number.substring(13));
                    assertThat(key).isEqualTo(97 - Long.parseLong(number.substring(0, 13)) % 97);
                }
            }
        }
        assertThat(numbers).isBetween(40, 120);
    }

    @Test
    void emails_are_plain_ascii_and_made_from_the_name() {
        List<ObjectNode> records = records(14, ALL);
        List<ObjectNode> withEmail = records.stream().filter(record -> record.path("contact").has("email")).toList();
        assertThat(withEmail.size()).isBetween(70, 130);
        for (ObjectNode record : withEmail) {
            String email = record.path("contact").path("email").asText();
            assertThat(email).matches("[a-z0-9.-]+@[a-z]+\\.(fr|com|net)");
            assertThat(email).contains(ContactSection.mailPart(record.path("identite").path("nom").asText()));
        }
        assertThat(ContactSection.mailPart("N'Diaye")).isEqualTo("ndiaye");
        assertThat(ContactSection.mailPart("Éloïse")).isEqualTo("eloise");
        assertThat(ContactSection.mailPart("Da Silva")).isEqualTo("dasilva");
    }
}
