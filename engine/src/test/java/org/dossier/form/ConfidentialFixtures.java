package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small form with confidential values in each place they can be, and a case file holding them. */
final class ConfidentialFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfidentialFixtures() {}

    /** JSON written with single quotes, for readable fixtures. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A section wholly confidential, a confidential leaf in an open section, and one inside rows. */
    static final JsonNode SCHEMA = json("""
            {'type': 'object', 'properties': {
              'identite': {'type': 'object', 'properties': {
                 'nom': {'type': 'string'},
                 'nir': {'type': 'string', 'x-confidential': true}}},
              'membres': {'type': 'array', 'items': {'type': 'object', 'properties': {
                 'prenom': {'type': 'string'},
                 'sante': {'type': 'string', 'x-confidential': true}}}},
              'notes': {'type': 'object', 'x-confidential': true, 'properties': {
                 'contenu': {'type': 'string', 'x-confidential': true}}}}}
            """);

    static final JsonNode STORED = json("""
            {'identite': {'nom': 'Durand', 'nir': '1840229123456'},
             'membres': [{'prenom': 'Léo', 'sante': 'asthme'}, {'prenom': 'Ana'}],
             'notes': {'contenu': 'secret'}}
            """);
}
