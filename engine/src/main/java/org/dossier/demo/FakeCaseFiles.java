package org.dossier.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dossier.demo.HousingSection.Housing;

/**
 * Deterministic generator of fake but realistic French social-service case files shaped like the
 * base form (socle commun): the same seed and options always give the same records. Optional
 * fields are left out rather than set to null, as the form itself would store them.
 */
public final class FakeCaseFiles {
    private static final List<String> STATUSES = List.of("premier_accueil", "en_cours", "en_veille", "clos");
    private static final List<String> BRANCHES = List.of("centre", "nord", "sud", "est", "ouest");
    private static final List<String> REASONS = List.of(
            "logement", "budget", "emploi", "sante", "acces_droits", "famille", "administratif");

    /**
     * @param withBranch          include {@code accompagnement.antenne} (services organised in branches)
     * @param withEvictionSection include {@code prevention_expulsions} on about 30 % of the records
     * @param today               the day the data is generated for; every date is on or before it,
     *                            except hearing dates still to come
     */
    public record Options(boolean withBranch, boolean withEvictionSection, LocalDate today) {
        public Options {
            Objects.requireNonNull(today, "today");
        }
    }

    private final Dice dice;
    private final HouseholdFactory households;
    private final IdentitySection identity;
    private final ContactSection contact;
    private final HousingSection housing;
    private final FollowUpSection followUps;
    private final List<String> caseWorkers;

    public FakeCaseFiles(long seed) {
        this.dice = new Dice(seed);
        this.households = new HouseholdFactory(dice);
        this.identity = new IdentitySection(dice);
        this.contact = new ContactSection(dice);
        this.housing = new HousingSection(dice);
        this.caseWorkers = caseWorkers(dice);
        this.followUps = new FollowUpSection(dice, caseWorkers);
    }

    /** The next case file of this generator's sequence. */
    public ObjectNode next(Options options) {
        LocalDate today = options.today();
        Household household = households.next(today);
        Housing housingSituation = housing.write(household, options.withEvictionSection() && dice.chance(0.3), today);

        ObjectNode record = JsonNodeFactory.instance.objectNode();
        String status = dice.weighted(STATUSES, 12, 58, 14, 16);
        LocalDate opened = openingDate(status, today);
        LocalDate end = status.equals("clos") ? dice.dateBetween(min(opened.plusDays(90), today), today) : today;
        String caseWorker = dice.pick(caseWorkers);
        List<String> reasons = reasons(household, housingSituation, today);
        record.set("accompagnement", support(status, opened, end, caseWorker, reasons, options.withBranch()));
        record.set("identite", identity.write(household));
        record.set("contact", contact.write(household.primary(), housingSituation.type(), dice.pick(FrenchPlaces.TOWNS)));
        if (!household.members().isEmpty()) {
            record.set("membres_foyer", members(household));
        }
        record.set("logement_ressources", housingSituation.resources());
        record.set("suivis", followUps.write(status, opened, end, caseWorker, reasons, housingSituation.eviction().isPresent()));
        housingSituation.eviction().ifPresent(eviction -> record.set("prevention_expulsions", eviction));
        if (dice.chance(0.2)) {
            record.putObject("notes_confidentielles").put("contenu", dice.pick(CaseTexts.CONFIDENTIAL_NOTES));
        }
        return record;
    }

    /** The next {@code count} case files. */
    public List<ObjectNode> generate(int count, Options options) {
        List<ObjectNode> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(next(options));
        }
        return records;
    }

    private ObjectNode support(String status, LocalDate opened, LocalDate end, String caseWorker,
                               List<String> reasons, boolean withBranch) {
        ObjectNode support = JsonNodeFactory.instance.objectNode();
        support.put("statut", status);
        support.put("date_ouverture", opened.toString());
        if (withBranch) {
            support.put("antenne", dice.pick(BRANCHES));
        }
        if (dice.chance(0.92)) {
            support.put("referent", caseWorker);
        }
        if (dice.chance(0.95)) {
            ArrayNode motifs = support.putArray("motifs");
            reasons.forEach(motifs::add);
        }
        if (status.equals("clos")) {
            support.put("date_cloture", end.toString());
        }
        return support;
    }

    private LocalDate openingDate(String status, LocalDate today) {
        return switch (status) {
            case "premier_accueil" -> dice.dateBetween(today.minusDays(45), today);
            case "en_cours" -> dice.dateBetween(today.minusYears(4), today.minusDays(30));
            case "en_veille" -> dice.dateBetween(today.minusYears(5), today.minusDays(180));
            default -> dice.dateBetween(today.minusYears(6), today.minusDays(240));
        };
    }

    /** The reasons that follow from the situation, plus now and then one the worker added. */
    private List<String> reasons(Household household, Housing situation, LocalDate today) {
        List<String> reasons = new ArrayList<>();
        if (situation.eviction().isPresent() || !situation.type().startsWith("locataire") && !situation.type().equals("proprietaire")) {
            reasons.add("logement");
        }
        if (situation.debts()) {
            reasons.add("budget");
        }
        if (situation.incomeSources().contains("are") || situation.incomeSources().contains("rsa") && dice.chance(0.6)) {
            reasons.add("emploi");
        }
        if (situation.incomeSources().contains("aah")) {
            reasons.add("sante");
        }
        if (household.dependentChildren(today) > 0 && dice.chance(0.4)) {
            reasons.add("famille");
        }
        if (reasons.isEmpty() || dice.chance(0.3)) {
            reasons.add(dice.pick(REASONS));
        }
        return REASONS.stream().filter(reasons::contains).toList();
    }

    private ArrayNode members(Household household) {
        ArrayNode members = JsonNodeFactory.instance.arrayNode();
        for (Household.Member member : household.members()) {
            ObjectNode node = members.addObject();
            node.put("nom", member.person().lastName());
            node.put("prenom", member.person().firstName());
            if (dice.chance(0.9)) {
                node.put("date_naissance", member.person().birthDate().toString());
            }
            node.put("lien", member.relation());
            member.dependent().ifPresent(value -> node.put("a_charge", value));
        }
        return members;
    }

    private static List<String> caseWorkers(Dice dice) {
        List<String> workers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean female = dice.chance(0.8); // the profession is mostly women
            workers.add(dice.pick(female ? FrenchNames.WOMEN : FrenchNames.MEN) + " " + dice.pick(FrenchNames.LAST_NAMES));
        }
        return List.copyOf(workers);
    }

    private static LocalDate min(LocalDate first, LocalDate second) {
        return first.isBefore(second) ? first : second;
    }
}
