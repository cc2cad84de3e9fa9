package org.dossier.form;

import java.util.List;
import org.dossier.DomainException;
import java.util.stream.Collectors;

/** A form definition does not follow the vocabulary of {@code schemas/VOCABULARY.md}; nothing was stored. */
public final class InvalidFormDefinitionException extends DomainException {
    /** Stable code for the error mapper. */
    public static final String CODE = "invalidFormDefinition";

    private final List<DefinitionProblem> problems;

    /** @param problems at least one problem, in the order they were found */
    public InvalidFormDefinitionException(List<DefinitionProblem> problems) {
        super(CODE, 422, describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid definition has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }

    private static String describe(List<DefinitionProblem> problems) {
        return "Invalid form definition: " + problems.stream()
                .map(DefinitionProblem::toString)
                .collect(Collectors.joining("; "));
    }
}
