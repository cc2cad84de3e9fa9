package org.dossier.form;

/**
 * One reason a form definition is refused.
 *
 * @param path    JSON Pointer into the definition, e.g. {@code /properties/identite/properties/nom/x-label};
 *                empty for the root
 * @param keyword the keyword at fault: an {@code x-} keyword of the vocabulary, or a JSON Schema
 *                keyword such as {@code required} or {@code type}
 * @param message what is wrong, for the person who wrote the definition, in technical English (the
 *                JSON Schema words); pages explain it in their language from {@code reason}
 * @param reason  which kind of problem it is, naming the page texts that explain it: the keyword
 *                itself unless one keyword has several kinds ({@code unknownKeyword}, {@code heldType})
 */
public record DefinitionProblem(String path, String keyword, String message, String reason) {

    public DefinitionProblem(String path, String keyword, String message) {
        this(path, keyword, message, keyword);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "/" : path) + " (" + keyword + "): " + message;
    }
}
