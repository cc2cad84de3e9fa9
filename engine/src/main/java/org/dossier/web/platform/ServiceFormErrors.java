package org.dossier.web.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.onboarding.Onboarding;
import org.dossier.validation.Messages;
import org.dossier.web.branding.BrandingPages;
import org.dossier.web.view.PageErrors;

/**
 * The problems of the services page's creation and clone forms, each linked to its input: the
 * creation form's inputs are {@code svc-<input>}, the clone form's {@code clone-<input>}.
 */
final class ServiceFormErrors {
    /** The creation form's ids, by input name. */
    static final Map<String, String> CREATE = Map.of("name", "svc-name", "slug", "svc-slug", "colour", "svc-colour",
            "adminEmail", "svc-admin-email", "adminName", "svc-admin-name");
    /** The clone form's ids, by input name. */
    static final Map<String, String> CLONE = Map.of("from", "clone-from", "name", "clone-name", "slug", "clone-slug",
            "adminEmail", "clone-admin-email", "adminName", "clone-admin-name");

    private ServiceFormErrors() {}

    static PageErrors of(List<Onboarding.InputProblem> problems, Map<String, String> ids, Messages messages,
                         Locale locale) {
        PageErrors.Builder errors = new PageErrors.Builder(input -> ids.getOrDefault(input, ids.get("name")));
        problems.forEach(problem -> errors.input(problem.input(), BrandingPages.problem(problem.problem(), messages, locale)));
        return errors.build();
    }

    /** A single refusal keeps its own status (409 for a slug taken); several are 422. */
    static int status(List<Onboarding.InputProblem> problems) {
        return problems.size() == 1 ? problems.get(0).problem().status() : 422;
    }

    /** The input a refusal found only while creating (a race on the slug, say) belongs to. */
    static String inputOf(String code) {
        return switch (code) {
            case "invalidSlug", "slugTaken" -> "slug";
            case "invalidColour", "lowContrast" -> "colour";
            case "invalidEmail" -> "adminEmail";
            case "invalidDisplayName" -> "adminName";
            case "noSuchSource", "templateService" -> "from";
            default -> "name";
        };
    }
}
