package org.dossier.web.designer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dossier.designer.RequiredChange;
import org.dossier.form.RequiredScope;
import org.dossier.web.UiText;

/**
 * The publish page's question for each field the draft makes required: "for new case files
 * only" or "also for existing ones, at their next save", with no answer preselected. Posted as
 * {@code required:<pointer>} = {@code new} | {@code existing}.
 */
final class PublishChoices {
    static final String PREFIX = "required:";

    private PublishChoices() {}

    /** One field's question as the page shows it; {@code id} is that of its first radio, the error summary's target. */
    record Question(String id, String name, String label, String count, String chosen, String error) {
        public String describedBy() {
            return id + "-count" + (error.isEmpty() ? "" : " " + id + "-error");
        }
    }

    /** The choices posted, by pointer; a missing or unknown answer is left out. */
    static Map<String, RequiredScope> posted(Map<String, List<String>> body) {
        Map<String, RequiredScope> chosen = new LinkedHashMap<>();
        body.forEach((name, values) -> {
            if (name.startsWith(PREFIX) && !values.isEmpty()) {
                RequiredScope.of(values.get(0)).ifPresent(scope -> chosen.put(name.substring(PREFIX.length()), scope));
            }
        });
        return chosen;
    }

    /**
     * @param chosen  what was posted (empty on the first showing)
     * @param missing the pointers refused for lack of an answer
     */
    static List<Question> questions(List<RequiredChange> changes, Map<String, RequiredScope> chosen, Set<String> missing,
                                    Locale locale) {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            RequiredChange change = changes.get(i);
            String pointer = change.field().pointer();
            RequiredScope scope = chosen.get(pointer);
            questions.add(new Question("required-" + i, PREFIX + pointer, change.field().label(), count(change, locale),
                    scope == null ? "" : scope.code(),
                    missing.contains(pointer) ? UiText.get(locale, "designer.publish.required.missing", change.field().label())
                            : ""));
        }
        return questions;
    }

    private static String count(RequiredChange change, Locale locale) {
        String key = change.field().conditional() ? "designer.publish.required.countAtMost"
                : change.field().inRows() ? "designer.publish.required.countRows" : "designer.publish.required.count";
        return UiText.get(locale, key, change.lacking());
    }
}
