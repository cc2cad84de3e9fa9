package org.dossier.render;

import java.util.List;

/**
 * One card of the case-file summary: a section's title and what it holds, read-only.
 *
 * @param key      the section's key in the URL of its edit page
 * @param editable false when everything it holds is masked for this member: no edit is offered
 */
public record SectionSummary(String key, String title, List<RecordItem> items, boolean editable) {
    public SectionSummary {
        items = List.copyOf(items);
    }
}
