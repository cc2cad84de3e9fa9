package org.dossier.web.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dossier.render.ErrorSummaryEntry;

/**
 * The errors of a page's own form (not a case-file form) in the record form's pattern: a summary
 * listing every problem, each linked to its input, and the message shown by each input. Rendered by
 * {@code form/page-errors} (the summary) and read by name in the form's template (the inline messages).
 *
 * @param errorSummary every problem, in the order of the form, linked to {@code #<input id>}
 * @param inputErrors  the message of each input that has one, by the input's id (a page may hold two
 *                     forms with inputs of the same name)
 */
public record PageErrors(List<ErrorSummaryEntry> errorSummary, Map<String, String> inputErrors) {
    public PageErrors {
        errorSummary = List.copyOf(errorSummary);
        inputErrors = Map.copyOf(inputErrors);
    }

    /** No error: the page as first shown. */
    public static PageErrors none() {
        return new PageErrors(List.of(), Map.of());
    }

    /** Collects the problems of one form, in the order they are added. */
    public static final class Builder {
        private final Function<String, String> idOf;
        private final List<ErrorSummaryEntry> summary = new ArrayList<>();
        private final Map<String, String> inline = new LinkedHashMap<>();

        /** @param idOf the id the form gives the input of a name, e.g. {@code cf-labelFr} for {@code labelFr} */
        public Builder(Function<String, String> idOf) {
            this.idOf = idOf;
        }

        /** A problem of one input: listed in the summary and shown by the input (its first message only). */
        public Builder input(String name, String message) {
            String id = idOf.apply(name);
            summary.add(new ErrorSummaryEntry(message, "#" + id));
            inline.putIfAbsent(id, message);
            return this;
        }

        /** A problem no input holds, listed and linked to an element of the page. */
        public Builder general(String message, String targetId) {
            summary.add(new ErrorSummaryEntry(message, "#" + targetId));
            return this;
        }

        public PageErrors build() {
            return new PageErrors(summary, inline);
        }
    }
}
