package org.dossier.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small case-file form whose register is known: the fixture of the register's tests. */
public final class RegisterForms {
    private RegisterForms() {}

    public static final String CARE = "Accompagnement social";
    public static final String SMS = "Rappels de rendez-vous par SMS";
    public static final String IDENTITY = "État civil et identification";
    public static final String HEALTH = "Santé";
    public static final String FAMILY = "Vie personnelle";

    /**
     * Identity (name, birth date), a confidential health note of a special category, an SMS consent,
     * a household group identifying its members, a note without annotation, a custom field shown in
     * the identity section without annotation, and a hidden annotated field.
     */
    public static JsonNode definition(String carePurpose) {
        String text = """
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                 "x-label": {"fr": "Dossier", "en": "Case file"},
                 "properties": {
                   "identite": {"type": "object", "x-label": {"fr": "Identité", "en": "Identity"},
                     "properties": {
                       "nom": {"type": "string", "x-label": {"fr": "Nom", "en": "Last name"},
                               "x-gdpr": {"purpose": "%1$s", "legalBasis": "public-task", "category": "%2$s"}},
                       "date_naissance": {"type": "string", "format": "date", "x-label": {"fr": "Date de naissance", "en": "Birth date"},
                               "x-gdpr": {"purpose": "%1$s", "legalBasis": "public-task", "category": "%2$s"}}
                     }},
                   "sante": {"type": "string", "x-label": {"fr": "Santé", "en": "Health"}, "x-confidential": true,
                             "x-gdpr": {"purpose": "%1$s", "legalBasis": "public-task", "category": "%3$s", "specialCategory": true}},
                   "sms": {"type": "boolean", "x-label": {"fr": "Accepte les SMS", "en": "Accepts text messages"},
                           "x-gdpr": {"purpose": "%4$s", "legalBasis": "consent", "category": "Coordonnées"}},
                   "membres": {"type": "array", "x-label": {"fr": "Membres du foyer", "en": "Household members"},
                     "items": {"type": "object", "properties": {
                       "nom": {"type": "string", "x-label": {"fr": "Nom", "en": "Last name"},
                               "x-gdpr": {"purpose": "%1$s", "legalBasis": "public-task", "category": "%2$s"}},
                       "lien": {"type": "string", "x-label": {"fr": "Lien", "en": "Relationship"},
                               "x-gdpr": {"purpose": "%1$s", "legalBasis": "public-task", "category": "%5$s"}}
                     }}},
                   "remarque": {"type": "string", "x-label": {"fr": "Remarque", "en": "Remark"}},
                   "pointure": {"type": "string", "x-section": "identite", "x-label": {"fr": "Pointure", "en": "Shoe size"}},
                   "ancien": {"type": "string", "x-hidden": true, "x-label": {"fr": "Ancien champ"},
                              "x-gdpr": {"purpose": "Finalité abandonnée", "legalBasis": "consent"}}
                 }}
                """.formatted(carePurpose, IDENTITY, HEALTH, SMS, FAMILY);
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
