package org.dossier.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dossier.demo.FrenchPlaces.Town;
import org.dossier.demo.Household.Person;

/** Writes the "identite" section: civility matching the first name, birthplace matching the nationality. */
final class IdentitySection {
    private final Dice dice;

    IdentitySection(Dice dice) {
        this.dice = dice;
    }

    ObjectNode write(Household household) {
        Person person = household.primary();
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        if (dice.chance(0.95)) {
            identity.put("civilite", dice.chance(0.97) ? (person.female() ? "madame" : "monsieur") : "non_precise");
        }
        identity.put("nom", person.lastName());
        household.birthName().ifPresent(name -> identity.put("nom_naissance", name));
        identity.put("prenom", person.firstName());
        identity.put("date_naissance", person.birthDate().toString());

        String nationality = dice.weighted(
                List.of("francaise", "ue", "hors_ue", "apatride", "non_renseignee"), 72, 8, 14, 1, 5);
        boolean bornAbroad = !nationality.equals("francaise") || dice.chance(0.1);
        Town townOfBirth = dice.pick(FrenchPlaces.TOWNS);
        if (!nationality.equals("non_renseignee") && dice.chance(0.85)) {
            identity.put("lieu_naissance", bornAbroad ? placeAbroad(nationality) : townOfBirth.name());
        }
        if (dice.chance(0.92)) {
            identity.put("nationalite", nationality);
        }
        household.maritalStatus().ifPresent(status -> identity.put("situation_familiale", status));
        if (dice.chance(0.4)) {
            identity.put("numero_securite_sociale", socialSecurityNumber(person, bornAbroad ? "99" : townOfBirth.departement()));
        }
        return identity;
    }

    private String placeAbroad(String nationality) {
        return dice.pick(nationality.equals("ue") ? FrenchPlaces.BIRTHPLACES_ABROAD_EU : FrenchPlaces.BIRTHPLACES_ABROAD);
    }

    /**
     * Sex, year and month of birth, département (99 abroad), commune or country code, birth order,
     * then most of the time the two-digit key (97 minus the number modulo 97) as on a carte Vitale.
     */
    private String socialSecurityNumber(Person person, String departement) {
        String number = (person.female() ? "2" : "1")
                + String.format("%02d", person.birthDate().getYear() % 100)
                + String.format("%02d", person.birthDate().getMonthValue())
                + departement
                + String.format("%03d", dice.between(departement.equals("99") ? 101 : 1, departement.equals("99") ? 499 : 600))
                + String.format("%03d", dice.between(1, 999));
        if (dice.chance(0.2)) {
            return number;
        }
        return number + String.format("%02d", 97 - Long.parseLong(number) % 97);
    }
}
