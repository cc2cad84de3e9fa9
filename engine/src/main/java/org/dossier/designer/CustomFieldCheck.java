package org.dossier.designer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dossier.form.CustomisationCompiler;
import org.dossier.form.DefinitionProblem;

/**
 * What is wrong with the custom field form as posted, every problem at once and tied to the input
 * that holds it, with a stable code the web layer phrases ({@code designer.error.<code>}). The form
 * compiler stops at a field's first problem and speaks of JSON Pointers; a person filling the form
 * needs all of them, by input, in their language.
 */
public final class CustomFieldCheck {
    /** Same rule as the compiler's: a data key in snake case, 63 characters at most. */
    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    private static final int MAX_LABEL = 200;
    private static final int MAX_HINT = 500;
    private static final Set<String> CHOICE_TYPES = Set.of("singleChoice", "multipleChoice");

    private CustomFieldCheck() {}

    /**
     * One problem: the input's name in the form ({@code labelFr}, {@code key}…, see
     * {@link CustomFieldForm#INPUTS}) and a code.
     */
    public record InputProblem(String input, String code) {}

    /**
     * @param entered the form as posted (see {@link CustomFieldForm#entered(Map)})
     * @param editing true on the edit form, where the key and the type cannot change
     * @return the problems in the order of the form's inputs; empty when the compiler may judge the rest
     */
    public static List<InputProblem> check(Map<String, String> entered, boolean editing) {
        List<InputProblem> problems = new ArrayList<>();
        String labelFr = value(entered, "labelFr");
        if (labelFr.isEmpty()) {
            problems.add(new InputProblem("labelFr", "labelMissing"));
        } else if (labelFr.length() > MAX_LABEL) {
            problems.add(new InputProblem("labelFr", "labelTooLong"));
        }
        if (value(entered, "labelEn").length() > MAX_LABEL) {
            problems.add(new InputProblem("labelEn", "labelTooLong"));
        }
        if (!editing) {
            String key = value(entered, "key");
            if (key.isEmpty()) {
                problems.add(new InputProblem("key", "keyMissing"));
            } else if (!KEY.matcher(key).matches()) {
                problems.add(new InputProblem("key", "keyFormat"));
            }
            String type = value(entered, "type");
            if (type.isEmpty()) {
                problems.add(new InputProblem("type", "typeMissing"));
            } else if (!CustomisationCompiler.TYPES.contains(type)) {
                problems.add(new InputProblem("type", "typeUnknown"));
            }
        }
        if (value(entered, "hintFr").length() > MAX_HINT) {
            problems.add(new InputProblem("hintFr", "hintTooLong"));
        }
        if (CHOICE_TYPES.contains(value(entered, "type"))) {
            checkOptions(value(entered, "options"), problems);
        }
        if (!value(entered, "whenField").isEmpty() && value(entered, "whenValues").replace(",", "").isBlank()) {
            problems.add(new InputProblem("whenValues", "whenValuesMissing"));
        }
        return List.copyOf(problems);
    }

    private static void checkOptions(String lines, List<InputProblem> problems) {
        Set<String> seen = new HashSet<>();
        boolean any = false;
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            any = true;
            String value = line.split("\\|", 2)[0].strip();
            if (value.isEmpty() || !seen.add(value)) {
                problems.add(new InputProblem("options", "optionsDuplicate"));
                return;
            }
        }
        if (!any) {
            problems.add(new InputProblem("options", "optionsMissing"));
        }
    }

    /**
     * A problem the form compiler or the form rules found once the form itself was complete, tied
     * to the input it comes from; {@code form} when no input holds it.
     */
    public static InputProblem of(DefinitionProblem problem, Map<String, String> entered) {
        return switch (problem.keyword()) {
            case "key" -> new InputProblem("key", KEY.matcher(value(entered, "key")).matches() ? "keyTaken" : "keyFormat");
            case "type" -> new InputProblem("type", "typeUnknown");
            case "section" -> new InputProblem("section", "sectionUnknown");
            case "label", "x-label" -> new InputProblem("labelFr", "labelMissing");
            case "options", "x-enum-labels" -> new InputProblem("options", "optionsDuplicate");
            case "visibleWhen", "x-visible-when" -> new InputProblem("whenField", "whenFieldUnknown");
            case "x-gdpr" -> new InputProblem("purpose", "purposeInvalid");
            default -> new InputProblem("form", "definitionInvalid");
        };
    }

    private static String value(Map<String, String> entered, String input) {
        return entered.getOrDefault(input, "").strip();
    }
}
