package org.dossier.render;

import java.util.List;

/**
 * A record for reading: labels and formatted values in the order of the form.
 *
 * @param title the form's label in the request's language
 */
public record RecordView(String title, List<RecordItem> items) {
    public RecordView {
        items = List.copyOf(items);
    }
}
