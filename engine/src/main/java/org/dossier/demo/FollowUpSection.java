package org.dossier.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Writes "suivis": dated entries between opening and closing (or today), about the case's own reasons. */
final class FollowUpSection {
    private static final List<String> TYPES = List.of(
            "entretien", "visite_domicile", "appel", "courrier", "accompagnement_exterieur");
    private static final List<String> PARTNERS = List.of(
            "Conseillère ESF", "Permanence CAF", "Conseiller France Travail", "Infirmière du CMS");

    private final Dice dice;
    private final List<String> caseWorkers;

    FollowUpSection(Dice dice, List<String> caseWorkers) {
        this.dice = dice;
        this.caseWorkers = caseWorkers;
    }

    ArrayNode write(String status, LocalDate opened, LocalDate end, String caseWorker,
                    List<String> reasons, boolean eviction) {
        int count = status.equals("premier_accueil") ? dice.between(1, 2) : dice.weighted(
                List.of(1, 2, 3, 4, 5, 6, 7, 8), 5, 10, 18, 20, 17, 13, 10, 7);
        List<LocalDate> dates = new ArrayList<>();
        dates.add(opened);
        for (int i = 1; i < count; i++) {
            dates.add(dice.dateBetween(opened, end));
        }
        dates.sort(LocalDate::compareTo);

        ArrayNode entries = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < count; i++) {
            boolean first = i == 0;
            boolean closing = status.equals("clos") && i == count - 1 && count > 1;
            String type = first || closing ? "entretien" : dice.weighted(TYPES, 40, 15, 25, 10, 10);
            ObjectNode entry = entries.addObject();
            entry.put("date", (closing ? end : dates.get(i)).toString());
            entry.put("type", type);
            if (dice.chance(0.9)) {
                entry.put("intervenant", dice.chance(0.8) ? caseWorker : dice.pick(dice.chance(0.5) ? caseWorkers : PARTNERS));
            }
            entry.put("resume", summary(type, first, closing, reasons, eviction));
        }
        return entries;
    }

    private String summary(String type, boolean first, boolean closing, List<String> reasons, boolean eviction) {
        String body;
        if (first) {
            body = CaseTexts.FIRST_MEETING;
        } else if (closing) {
            body = CaseTexts.CLOSING;
        } else if (eviction && dice.chance(0.4)) {
            body = dice.pick(CaseTexts.EVICTION);
        } else {
            body = dice.pick(CaseTexts.BY_REASON.get(dice.pick(reasons)));
        }
        String nextStep = closing ? "" : dice.pick(CaseTexts.NEXT_STEPS);
        return (CaseTexts.OPENERS.get(type) + body + " " + nextStep).strip();
    }
}
