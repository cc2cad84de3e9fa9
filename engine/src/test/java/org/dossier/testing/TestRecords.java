package org.dossier.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A valid case file of the base form, as JSON data and as the form post a browser sends. */
public final class TestRecords {
    private TestRecords() {}

    /** The least a case file of the base form needs, as JSON. */
    public static ObjectNode validData(String lastName) {
        ObjectNode data = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        data.putObject("accompagnement").put("statut", "en_cours").put("date_ouverture", "2025-03-14");
        data.putObject("identite").put("nom", lastName).put("prenom", "Hélène").put("date_naissance", "1984-02-29");
        return data;
    }

    /** A valid post of the base form's new-record page. */
    public static List<Map.Entry<String, String>> validPost(String lastName) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("accompagnement.statut", "en_cours"));
        fields.add(Map.entry("accompagnement.date_ouverture", "2025-01-15"));
        fields.add(Map.entry("accompagnement.motifs", "logement"));
        fields.add(Map.entry("accompagnement.motifs", "budget"));
        fields.add(Map.entry("identite.nom", lastName));
        fields.add(Map.entry("identite.prenom", "Éloïse"));
        fields.add(Map.entry("identite.date_naissance", "1990-06-01"));
        fields.add(Map.entry("logement_ressources.loyer", "512,50"));
        fields.add(Map.entry("logement_ressources.dettes", "false"));
        fields.add(Map.entry("membres_foyer[0].nom", lastName));
        fields.add(Map.entry("membres_foyer[0].prenom", "Léo"));
        fields.add(Map.entry("membres_foyer[0].lien", "enfant"));
        return fields;
    }

    /** How many case files a service holds, read straight from the table. */
    public static long storedCount(org.dossier.Services services, org.dossier.tenant.Tenant tenant) {
        return services.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM records WHERE tenant_id = :t")
                .bind("t", tenant.id()).mapTo(Long.class).one());
    }
}
