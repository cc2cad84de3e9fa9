package org.dossier.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.everit.json.schema.ValidationException;
import org.json.JSONObject;

/** JSON helpers shared by the form tests. */
final class FormFixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FormFixtures() {}

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The node at a JSON Pointer of the document, to be changed in place. */
    static ObjectNode objectAt(JsonNode document, String pointer) {
        JsonNode node = document.at(pointer);
        if (!node.isObject()) {
            throw new IllegalArgumentException("no object at " + pointer);
        }
        return (ObjectNode) node;
    }

    /** A record that fills every field of the base form with a valid value. */
    static String fullRecord() {
        return """
            {
              "accompagnement": {"statut": "clos", "date_ouverture": "2024-01-15", "antenne": "nord",
                "referent": "Claire Martin", "motifs": ["logement", "budget"], "date_cloture": "2024-11-30"},
              "identite": {"civilite": "madame", "nom": "Durand", "nom_naissance": "Lefèvre", "prenom": "Élodie",
                "date_naissance": "1985-04-02", "lieu_naissance": "Lyon", "nationalite": "francaise",
                "situation_familiale": "separe", "numero_securite_sociale": "2850469123456"},
              "contact": {"adresse": "12 rue des Lilas", "complement_adresse": "Bâtiment B", "code_postal": "69003",
                "ville": "Lyon", "telephone": "06 12 34 56 78", "email": "elodie.durand@example.org", "accepte_sms": true},
              "membres_foyer": [{"nom": "Durand", "prenom": "Léo", "date_naissance": "2012-09-01", "lien": "enfant", "a_charge": true}],
              "logement_ressources": {"type_logement": "locataire_parc_social", "loyer": 520.5, "ressources_mensuelles": 1350,
                "sources_revenus": ["salaire", "apl"], "nombre_personnes_foyer": 2, "dettes": true, "montant_dettes": 1800},
              "suivis": [{"date": "2024-02-01", "type": "entretien", "intervenant": "Claire Martin", "resume": "Premier entretien."}],
              "prevention_expulsions": {"procedure_en_cours": true, "stade": "audience", "date_audience": "2024-06-12",
                "montant_impayes": 2100, "bailleur": "Grand Lyon Habitat", "saisine_ccapex": true},
              "notes_confidentielles": {"contenu": "Suivi psychologique en cours."}
            }
            """;
    }

    /** The smallest record the base form accepts. */
    static String minimalRecord() {
        return """
            {"accompagnement": {"statut": "en_cours", "date_ouverture": "2024-01-15"},
             "identite": {"nom": "Durand", "prenom": "Élodie"}}
            """;
    }

    /** Validates and returns every leaf violation as "pointer keyword: message"; empty when valid. */
    static List<String> violations(CompiledForm form, String record) {
        List<String> found = new ArrayList<>();
        try {
            form.validator().validate(new JSONObject(json(record).toString()));
        } catch (ValidationException e) {
            collect(e, found);
        }
        return found;
    }

    private static void collect(ValidationException violation, List<String> found) {
        if (violation.getCausingExceptions().isEmpty()) {
            found.add(violation.getPointerToViolation() + " " + violation.getKeyword() + ": " + violation.getErrorMessage());
        }
        violation.getCausingExceptions().forEach(cause -> collect(cause, found));
    }
}
