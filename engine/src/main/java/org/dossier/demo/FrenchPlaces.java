package org.dossier.demo;

import java.util.List;

/** Real towns with one of their postcodes, and the kind of street names every French town has. */
final class FrenchPlaces {
    /** A town and one of its postcodes; the first two digits of the postcode give the département. */
    record Town(String name, String postcode) {
        String departement() {
            return postcode.substring(0, 2);
        }
    }

    static final List<Town> TOWNS = List.of(
            new Town("Paris", "75018"), new Town("Paris", "75020"), new Town("Montreuil", "93100"),
            new Town("Saint-Denis", "93200"), new Town("Créteil", "94000"), new Town("Nanterre", "92000"),
            new Town("Argenteuil", "95100"), new Town("Évry-Courcouronnes", "91000"),
            new Town("Lyon", "69008"), new Town("Villeurbanne", "69100"), new Town("Vénissieux", "69200"),
            new Town("Marseille", "13003"), new Town("Marseille", "13015"), new Town("Toulouse", "31100"),
            new Town("Bordeaux", "33000"), new Town("Nantes", "44000"), new Town("Saint-Nazaire", "44600"),
            new Town("Rennes", "35000"), new Town("Brest", "29200"), new Town("Lille", "59000"),
            new Town("Roubaix", "59100"), new Town("Amiens", "80000"), new Town("Rouen", "76000"),
            new Town("Le Havre", "76600"), new Town("Strasbourg", "67000"), new Town("Mulhouse", "68100"),
            new Town("Nancy", "54000"), new Town("Dijon", "21000"), new Town("Grenoble", "38000"),
            new Town("Saint-Étienne", "42000"), new Town("Clermont-Ferrand", "63000"),
            new Town("Montpellier", "34000"), new Town("Nîmes", "30000"), new Town("Perpignan", "66000"),
            new Town("Limoges", "87000"), new Town("Poitiers", "86000"), new Town("Tours", "37000"),
            new Town("Orléans", "45000"), new Town("Le Mans", "72000"), new Town("Besançon", "25000"));

    static final List<String> STREET_TYPES = List.of(
            "rue", "rue", "rue", "avenue", "boulevard", "impasse", "allée", "chemin", "place");

    static final List<String> STREET_NAMES = List.of(
            "Victor Hugo", "Jean Jaurès", "de la République", "Pasteur", "Gambetta", "du Général de Gaulle",
            "des Lilas", "de la Gare", "Émile Zola", "Jules Ferry", "des Acacias", "du Moulin",
            "Louise Michel", "Simone Veil", "Aristide Briand", "de la Liberté", "des Tilleuls",
            "Paul Éluard", "Lucie Aubrac", "Pierre Brossolette", "des Peupliers", "du Stade",
            "Marcel Cachin", "de l'Église", "Frédéric Mistral", "Georges Brassens");

    static final List<String> BIRTHPLACES_ABROAD_EU = List.of(
            "Porto (Portugal)", "Lisbonne (Portugal)", "Madrid (Espagne)", "Bucarest (Roumanie)",
            "Naples (Italie)", "Varsovie (Pologne)", "Sofia (Bulgarie)");

    static final List<String> BIRTHPLACES_ABROAD = List.of(
            "Alger (Algérie)", "Oran (Algérie)", "Casablanca (Maroc)", "Tunis (Tunisie)", "Dakar (Sénégal)",
            "Bamako (Mali)", "Abidjan (Côte d'Ivoire)", "Kinshasa (RD Congo)", "Hô Chi Minh-Ville (Viêt Nam)",
            "Istanbul (Turquie)", "Port-au-Prince (Haïti)", "Kaboul (Afghanistan)");

    private FrenchPlaces() {
    }
}
