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
 * @param files            attachment id → the file's name and size as shown, for file fields
 */
public record RenderOptions(boolean showConfidential, Map<String, FieldChoices> choices, Map<String, String> files) {
    public RenderOptions {
        choices = Map.copyOf(choices);
        files = Map.copyOf(files);
    }

    public RenderOptions(boolean showConfidential, Map<String, FieldChoices> choices) {
        this(showConfidential, choices, Map.of());
    }

    public RenderOptions(boolean showConfidential) {
        this(showConfidential, Map.of());
    }

    /** The same options, naming the files a case file holds. */
    public RenderOptions withFiles(Map<String, String> fileLabels) {
        return new RenderOptions(showConfidential, choices, fileLabels);
    }

    /** How a file shows: its name and size, or the id of a file that is no longer there. */
    String fileLabel(String id) {
        return files.getOrDefault(id, id);
    }

    Optional<FieldChoices> choicesFor(String pointer) {
        return Optional.ofNullable(choices.get(pointer));
    }
}
