package org.dossier.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes "logement_ressources" and, for some tenants, "prevention_expulsions": rent only for people
 * who pay one, incomes that match the listed sources, debts with their amount, a procedure whose
 * stage, hearing date and arrears agree with each other.
 */
final class HousingSection {
    static final List<String> RENTING = List.of("locataire_parc_prive", "locataire_parc_social");
    private static final List<String> INCOME_ORDER = List.of(
            "salaire", "rsa", "are", "aah", "retraite", "prestations_familiales", "apl", "aucune");
    private static final List<String> STAGES = List.of(
            "impayes", "commandement_payer", "assignation", "audience", "jugement",
            "commandement_quitter", "concours_force_publique", "expulsion_realisee");
    private static final List<String> SOCIAL_LANDLORDS = List.of(
            "Office public de l'habitat", "CDC Habitat", "Immobilière 3F", "Vilogia", "Logirep", "Habitat et Humanisme");
    private static final List<String> PRIVATE_LANDLORDS = List.of(
            "Agence Foncia", "Cabinet Nexity", "Citya Immobilier", "Agence du Centre", "Orpi Immobilier");

    /** What the other sections need to know about the housing situation. */
    record Housing(String type, List<String> incomeSources, boolean debts, ObjectNode resources,
                   Optional<ObjectNode> eviction) {
    }

    private final Dice dice;

    HousingSection(Dice dice) {
        this.dice = dice;
    }

    Housing write(Household household, boolean withEviction, LocalDate today) {
        Optional<String> stage = withEviction ? Optional.of(evictionStage()) : Optional.empty();
        String type = housingType(stage);
        boolean renting = RENTING.contains(type);
        int rent = (type.equals("locataire_parc_social") ? dice.roundEuros(280, 560, 5) : dice.roundEuros(430, 980, 5))
                + 60 * Math.min(household.size() - 1, 4);

        ObjectNode resources = JsonNodeFactory.instance.objectNode();
        resources.put("type_logement", type);
        if (renting) {
            resources.put("loyer", rent);
        } else if (type.equals("heberge_tiers") && dice.chance(0.3)) {
            resources.put("loyer", dice.roundEuros(50, 250, 10)); // a share of the host's rent
        }
        List<String> sources = incomeSources(household, renting, today);
        if (dice.chance(0.9)) {
            resources.put("ressources_mensuelles", sources.contains("aucune") ? 0 : income(sources, household, today));
        }
        ArrayNode sourceNodes = resources.putArray("sources_revenus");
        sources.forEach(sourceNodes::add);
        resources.put("nombre_personnes_foyer", household.size());

        Optional<ObjectNode> eviction = stage.map(value -> eviction(value, rent, type, today));
        int arrears = eviction.map(node -> node.path("montant_impayes").asInt()).orElse(0);
        Optional<Boolean> debts = eviction.isPresent() ? Optional.of(true)
                : dice.weighted(List.of(Optional.of(true), Optional.of(false), Optional.<Boolean>empty()), 35, 50, 15);
        debts.ifPresent(value -> resources.put("dettes", value));
        if (debts.orElse(false)) {
            resources.put("montant_dettes", arrears + dice.roundEuros(0, 6000, 50) + (arrears == 0 ? 150 : 0));
        }
        return new Housing(type, sources, debts.orElse(false), resources, eviction);
    }

    private String evictionStage() {
        return dice.weighted(STAGES, 8, 25, 20, 15, 14, 9, 6, 3);
    }

    private String housingType(Optional<String> stage) {
        if (stage.filter("expulsion_realisee"::equals).isPresent()) {
            return dice.pick(List.of("heberge_tiers", "hebergement_urgence"));
        }
        if (stage.isPresent()) {
            return dice.weighted(RENTING, 45, 55);
        }
        return dice.weighted(List.of("locataire_parc_prive", "locataire_parc_social", "proprietaire",
                "heberge_tiers", "hebergement_urgence", "sans_domicile"), 30, 32, 6, 14, 10, 8);
    }

    private List<String> incomeSources(Household household, boolean renting, LocalDate today) {
        int age = household.primary().ageOn(today);
        List<String> sources = new ArrayList<>();
        sources.add(age >= 63 ? "retraite" : dice.weighted(List.of("salaire", "rsa", "are", "aah", "aucune"), 35, 25, 15, 10, 15));
        if (household.hasPartner() && dice.chance(0.5)) {
            sources.add(dice.weighted(List.of("salaire", "are", "retraite", "aah"), 60, 15, age >= 60 ? 30 : 2, 8));
        }
        if (household.dependentChildren(today) > 0 && dice.chance(0.85)) {
            sources.add("prestations_familiales");
        }
        if (renting && dice.chance(0.7)) {
            sources.add("apl");
        }
        if (sources.size() > 1) {
            sources.remove("aucune"); // "no income" next to an income would contradict itself
        }
        return INCOME_ORDER.stream().filter(sources::contains).toList();
    }

    private int income(List<String> sources, Household household, LocalDate today) {
        int total = 0;
        for (String source : sources) {
            total += switch (source) {
                case "salaire" -> dice.roundEuros(900, 2300, 10);
                case "rsa" -> 607 + 250 * Math.min(household.size() - 1, 3);
                case "are" -> dice.roundEuros(750, 1500, 10);
                case "aah" -> 1016;
                case "retraite" -> dice.roundEuros(700, 1900, 10);
                case "prestations_familiales" -> 150 * (int) Math.max(1, household.dependentChildren(today));
                case "apl" -> dice.roundEuros(120, 380, 5);
                default -> 0;
            };
        }
        return total;
    }

    private ObjectNode eviction(String stage, int rent, String type, LocalDate today) {
        ObjectNode eviction = JsonNodeFactory.instance.objectNode();
        int stageIndex = STAGES.indexOf(stage);
        boolean procedure = stageIndex > 0 || dice.chance(0.3);
        eviction.put("procedure_en_cours", procedure);
        if (procedure || dice.chance(0.6)) {
            eviction.put("stade", stage);
            if ((stage.equals("assignation") || stage.equals("audience")) && dice.chance(0.9)) {
                LocalDate hearing = stage.equals("assignation")
                        ? dice.dateBetween(today.plusDays(15), today.plusDays(120))
                        : dice.dateBetween(today.minusDays(30), today.plusDays(45));
                eviction.put("date_audience", hearing.toString());
            }
        }
        int monthsUnpaid = 2 + stageIndex + dice.between(0, 4);
        eviction.put("montant_impayes", rent * monthsUnpaid);
        if (dice.chance(0.85)) {
            boolean social = type.equals("locataire_parc_social") || dice.chance(0.4);
            eviction.put("bailleur", social ? dice.pick(SOCIAL_LANDLORDS) : dice.pick(PRIVATE_LANDLORDS));
        }
        if (dice.chance(0.75)) {
            eviction.put("saisine_ccapex", stageIndex >= 4 ? dice.chance(0.8) : dice.chance(0.2));
        }
        return eviction;
    }
}
