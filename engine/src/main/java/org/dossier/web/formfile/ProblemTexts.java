package org.dossier.web.formfile;

import java.util.Locale;
import org.dossier.form.DefinitionProblem;
import org.dossier.web.UiText;

/**
 * Says in the page's language what a refused definition's problem means and what to do about it,
 * from the kind of problem ({@code formFiles.why.<reason>} in the pages bundle). The check's own
 * words stay beside it as the technical detail: they quote values and JSON Schema terms an author
 * can search for.
 */
final class ProblemTexts {
    private static final String PREFIX = "formFiles.why.";

    private ProblemTexts() {}

    static String why(DefinitionProblem problem, Locale locale) {
        if ("file".equals(problem.reason())) {
            return problem.message(); // said by the page itself, already in its language
        }
        String key = PREFIX + problem.reason();
        String text = UiText.get(locale, key);
        return text.equals(key) ? UiText.get(locale, PREFIX + "other") : text;
    }
}
