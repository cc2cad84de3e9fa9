package org.dossier.render;

import java.util.List;

/**
 * A whole form bound to a record's data, ready for the templates.
 *
 * @param title        the form's label in the request's language
 * @param errorSummary one entry per error, in the order of the form
 * @param items        top-level items in {@code x-order}
 */
public record FormView(String title, List<ErrorSummaryEntry> errorSummary, List<FormItem> items) {
    public FormView {
        errorSummary = List.copyOf(errorSummary);
        items = List.copyOf(items);
    }

    public boolean hasErrors() {
        return !errorSummary.isEmpty();
    }

    /** Whether the form holds a file field: it is then posted as {@code multipart/form-data}. */
    public boolean hasFiles() {
        return FileControls.any(items);
    }
}
