package org.dossier.render;

import java.util.Map;
import java.util.Optional;

/**
 * What the current member may see, and the choices the service gives to some fields.
 *
 * @param showConfidential true when the member holds the confidential grant; otherwise
 *                         confidential fields are drawn masked, with no value and no name
 * @param choices          field pointer → choices that replace the field's free text with a select
 *                         (e.g. the référent among the service's members); empty for most pages
 */
public record RenderOptions(boolean showConfidential, Map<String, FieldChoices> choices) {
    public RenderOptions {
        choices = Map.copyOf(choices);
    }

    public RenderOptions(boolean showConfidential) {
        this(showConfidential, Map.of());
    }

    Optional<FieldChoices> choicesFor(String pointer) {
        return Optional.ofNullable(choices.get(pointer));
    }
}
