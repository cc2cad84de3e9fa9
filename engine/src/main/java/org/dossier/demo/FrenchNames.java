package org.dossier.demo;

import java.util.List;

/**
 * Common first and last names found in France today, of every generation and origin, spelled
 * with their accents and apostrophes so that forms, sorting and search meet real-world text.
 */
final class FrenchNames {
    static final List<String> WOMEN = List.of(
            "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Hélène", "Christine",
            "Sandrine", "Valérie", "Céline", "Aurélie", "Émilie", "Julie", "Camille", "Léa",
            "Manon", "Chloé", "Inès", "Sarah", "Éloïse", "Zoé", "Anaïs", "Mélanie",
            "Fatima", "Aïcha", "Khadija", "Yasmine", "Fatoumata", "Aminata", "Mariam", "Nadia",
            "Thi Hoa", "Ana", "Joëlle", "Monique", "Odette", "Jacqueline", "Géraldine", "Maëlys",
            "Noémie", "Océane");

    static final List<String> MEN = List.of(
            "Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "François",
            "Christophe", "Stéphane", "Laurent", "Frédéric", "Sébastien", "Julien", "Thomas", "Maxime",
            "Lucas", "Hugo", "Théo", "Noé", "Raphaël", "Gaëtan", "Jérôme", "Benoît",
            "Mohamed", "Karim", "Youssef", "Mehdi", "Rachid", "Moussa", "Mamadou", "Ibrahima",
            "Van Long", "João", "Kévin", "Loïc", "Joël", "René", "Marcel", "André");

    static final List<String> LAST_NAMES = List.of(
            "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
            "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David",
            "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
            "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc",
            "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
            "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu",
            "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire",
            "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly",
            "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martínez", "Gérard",
            "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
            "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix",
            "Da Silva", "Ferreira", "Dos Santos", "N'Diaye", "Diallo", "Traoré", "Koné", "Benali",
            "Haddad", "Bensaïd", "Nguyen", "Tran", "Le Goff", "Kerjean", "Ben Ahmed", "Öztürk");

    private FrenchNames() {
    }
}
