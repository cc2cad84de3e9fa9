package org.dossier.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.everit.json.schema.FalseSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.json.JSONObject;

/**
 * Checks form definitions before they are stored: first against the meta-schema
 * {@code schemas/meta/form-definition.schema.json} (shape and x- keywords), then against the rules
 * JSON Schema cannot express (see {@link DefinitionRules}), and every draft-07 construct that cannot be a
 * form control (see {@link FormConstructs}). Immutable and thread-safe.
 */
public final class MetaSchema {
    /** Classpath location of the meta-schema. */
    public static final String RESOURCE = "schemas/meta/form-definition.schema.json";

    private final Schema schema;

    /** Loads the meta-schema from the classpath. */
    public MetaSchema() {
        this.schema = EveritSchemas.load(ClasspathJson.read(RESOURCE));
    }

    /**
     * @param definition a form definition as posted or read from a file
     * @throws InvalidFormDefinitionException with every problem found
     */
    public void check(JsonNode definition) {
        if (definition == null || !definition.isObject()) {
            throw new InvalidFormDefinitionException(
                    List.of(new DefinitionProblem("", "type", "a form definition is a JSON object")));
        }
        List<DefinitionProblem> problems = new ArrayList<>();
        try {
            schema.validate(new JSONObject(definition.toString()));
        } catch (ValidationException e) {
            collectLeaves(e, problems);
        }
        List<DefinitionProblem> constructs = FormConstructs.problems(definition);
        problems.addAll(constructs);
        if (constructs.isEmpty()) {
            // The rules read the form as the engine sees it: references expanded, standard keywords translated.
            problems.addAll(new DefinitionRules(StandardKeywords.normalize(definition)).problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidFormDefinitionException(problems);
        }
    }

    private static void collectLeaves(ValidationException violation, List<DefinitionProblem> problems) {
        if (violation.getCausingExceptions().isEmpty()) {
            problems.add(toProblem(violation));
            return;
        }
        for (ValidationException cause : violation.getCausingExceptions()) {
            collectLeaves(cause, problems);
        }
    }

    private static final String FALSE_SCHEMA_MESSAGE = "false schema always fails";

    private static DefinitionProblem toProblem(ValidationException leaf) {
        String pointer = leaf.getPointerToViolation();
        String path = pointer == null ? "" : pointer.replaceFirst("^#", "");
        String[] segments = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
        String last = segments.length == 0 ? "" : segments[segments.length - 1];
        // The meta-schema refuses an unlisted x- keyword with a false schema under patternProperties;
        // everit reports it either as that schema or only by its message.
        boolean refusedOutright = leaf.getViolatedSchema() instanceof FalseSchema
                || FALSE_SCHEMA_MESSAGE.equals(leaf.getErrorMessage());
        if (refusedOutright && last.startsWith("x-")) {
            return new DefinitionProblem(path, last,
                    "unknown keyword " + last + ": the x- keywords are listed in schemas/VOCABULARY.md", "unknownKeyword");
        }
        return new DefinitionProblem(path, keywordOf(segments, leaf), leaf.getErrorMessage());
    }

    /**
     * A problem inside the value of an x- keyword is reported under that keyword, so that the author
     * reads "x-gdpr" rather than "enum". The segment after "properties" is a data key, never a keyword,
     * even when the field itself is called "properties".
     */
    private static String keywordOf(String[] segments, ValidationException leaf) {
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith("x-")) {
                return segments[i];
            }
            if ("properties".equals(segments[i]) || "definitions".equals(segments[i])) {
                i++;
            }
        }
        if (leaf.getKeyword() != null) {
            return leaf.getKeyword();
        }
        return segments.length == 0 ? "type" : segments[segments.length - 1];
    }
}
