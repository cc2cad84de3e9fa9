package org.dossier.form;

/**
 * One reason a form definition is refused.
 *
 * @param path    JSON Pointer into the definition, e.g. {@code /properties/identite/properties/nom/x-label};
 *                empty for the root
 * @param keyword the keyword at fault: an {@code x-} keyword of the vocabulary, or a JSON Schema
 *                keyword such as {@code required} or {@code type}
 * @param message what is wrong, for the person who wrote the definition
 */
public record DefinitionProblem(String path, String keyword, String message) {

    @Override
    public String toString() {
        return (path.isEmpty() ? "/" : path) + " (" + keyword + "): " + message;
    }
}
