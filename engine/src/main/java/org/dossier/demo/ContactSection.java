package org.dossier.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.dossier.demo.FrenchPlaces.Town;
import org.dossier.demo.Household.Person;

/** Writes the "contact" section: a French address, a phone number as people type it, an e-mail made from the name. */
final class ContactSection {
    private static final List<String> MAIL_DOMAINS = List.of(
            "gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr", "yahoo.fr", "sfr.fr", "outlook.fr");
    private static final List<String> COMPLEMENTS = List.of(
            "Bâtiment B", "Bâtiment C, 3e étage", "Escalier 2, porte gauche", "Appartement 24", "Résidence Les Tilleuls",
            "4e étage, porte 12", "Au fond de la cour");

    private final Dice dice;

    ContactSection(Dice dice) {
        this.dice = dice;
    }

    ObjectNode write(Person person, String housingType, Town town) {
        ObjectNode contact = JsonNodeFactory.instance.objectNode();
        if (housingType.equals("sans_domicile")) {
            contact.put("adresse", "Domiciliation CCAS, " + dice.between(1, 40) + " place de l'Hôtel de Ville");
        } else {
            contact.put("adresse", dice.between(1, 180) + (dice.chance(0.08) ? " bis " : " ")
                    + dice.pick(FrenchPlaces.STREET_TYPES) + " " + dice.pick(FrenchPlaces.STREET_NAMES));
            if (housingType.equals("heberge_tiers")) {
                contact.put("complement_adresse", "Chez " + (dice.chance(0.5) ? "Mme " : "M. ") + dice.pick(FrenchNames.LAST_NAMES));
            } else if (dice.chance(0.25)) {
                contact.put("complement_adresse", dice.pick(COMPLEMENTS));
            }
        }
        contact.put("code_postal", town.postcode());
        contact.put("ville", town.name());
        if (dice.chance(0.88)) {
            boolean mobile = dice.chance(0.8);
            contact.put("telephone", phoneNumber(mobile));
            if (mobile && dice.chance(0.7)) {
                contact.put("accepte_sms", dice.chance(0.8));
            }
        }
        if (dice.chance(0.5)) {
            contact.put("email", email(person));
        }
        return contact;
    }

    private String phoneNumber(boolean mobile) {
        int prefix = mobile ? dice.weighted(List.of(6, 7), 70, 30) : dice.pick(List.of(1, 2, 3, 4, 5, 9));
        StringBuilder pairs = new StringBuilder();
        String style = dice.weighted(List.of("spaced", "compact", "international"), 75, 12, 13);
        String separator = style.equals("compact") ? "" : " ";
        for (int i = 0; i < 4; i++) {
            pairs.append(separator).append(String.format("%02d", dice.between(0, 99)));
        }
        return switch (style) {
            case "international" -> "+33 " + prefix + pairs;
            default -> "0" + prefix + pairs;
        };
    }

    private String email(Person person) {
        String first = mailPart(person.firstName());
        String last = mailPart(person.lastName());
        String local = switch (dice.between(0, 3)) {
            case 0 -> first + "." + last;
            case 1 -> first.charAt(0) + "." + last;
            case 2 -> first + last + dice.between(1, 99);
            default -> first + "." + last + person.birthDate().getYear() % 100;
        };
        return local + "@" + dice.pick(MAIL_DOMAINS);
    }

    /** Lower case, accents removed, spaces and apostrophes dropped: "N'Diaye" becomes "ndiaye". */
    static String mailPart(String name) {
        String withoutAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
    }
}
