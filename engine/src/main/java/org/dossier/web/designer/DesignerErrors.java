package org.dossier.web.designer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.designer.CustomFieldCheck;
import org.dossier.form.DefinitionProblem;
import org.dossier.web.UiText;
import org.dossier.web.view.PageErrors;

/**
 * The designer's problems in the admin's words ({@code designer.error.<code>} in the pages bundle),
 * each linked to the input that holds it: the custom field form's inputs are {@code cf-<name>}, the
 * designer's own form is {@code designer-form}. A JSON Pointer or a compiler's English never shows.
 */
final class DesignerErrors {
    /** The id prefix of the custom field form's inputs (admin/custom-field-form). */
    static final String CUSTOM_FIELD = "cf-";
    private static final String DESIGNER_FORM = "designer-form";

    private DesignerErrors() {}

    /** The custom field form's problems, found before anything is saved. */
    static PageErrors customField(List<CustomFieldCheck.InputProblem> problems, Locale locale) {
        PageErrors.Builder errors = new PageErrors.Builder(name -> CUSTOM_FIELD + name);
        problems.forEach(problem -> errors.input(problem.input(), text(locale, problem.code())));
        return errors.build();
    }

    /** What the form compiler refused in a custom field the form itself found complete. */
    static PageErrors customField(List<DefinitionProblem> problems, Map<String, String> entered, Locale locale) {
        return customField(problems.stream().map(problem -> CustomFieldCheck.of(problem, entered)).distinct().toList(),
                locale);
    }

    /** What the form compiler refused in the designer's own choices (visibility, requirement, texts, order). */
    static PageErrors choices(List<DefinitionProblem> problems, Locale locale) {
        PageErrors.Builder errors = new PageErrors.Builder(name -> CUSTOM_FIELD + name);
        phrased(problems, locale).stream().distinct().forEach(message -> errors.general(message, DESIGNER_FORM));
        return errors.build();
    }

    /** One problem that belongs to a field of the designer's list ({@code field-<path>}). */
    static PageErrors field(String path, String message) {
        return new PageErrors.Builder(name -> CUSTOM_FIELD + name).general(message, "field-" + path).build();
    }

    /** The problems as sentences, for the live preview. */
    static List<String> phrased(List<DefinitionProblem> problems, Locale locale) {
        return problems.stream().map(problem -> text(locale, CustomFieldCheck.of(problem, Map.of()).code()))
                .distinct().toList();
    }

    private static String text(Locale locale, String code) {
        return UiText.get(locale, "designer.error." + code);
    }
}
