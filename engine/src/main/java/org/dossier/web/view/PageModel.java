package org.dossier.web.view;

import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Turns a page's typed model (a record) into the variables its template reads: one per record
 * component, by name, added to the layout's. Pages build records, so a missing or mistyped
 * variable is a compile error rather than an empty spot on a page; templates keep reading plain
 * names.
 */
public final class PageModel {
    private PageModel() {}

    /** {@code layout} with every component of each of {@code parts} added under its own name. */
    public static Map<String, Object> of(Map<String, Object> layout, Record... parts) {
        for (Record part : parts) {
            for (RecordComponent component : part.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    layout.put(component.getName(), component.getAccessor().invoke(part));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("unreadable page model component " + component.getName(), e);
                }
            }
        }
        return layout;
    }
}
