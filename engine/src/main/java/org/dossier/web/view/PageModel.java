package org.dossier.web.view;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a page's typed model (a record) into the variables its template reads: one per record
 * component, by name, added to the layout's. Pages build records, so a missing or mistyped
 * variable is a compile error rather than an empty spot on a page; templates keep reading plain
 * names.
 */
public final class PageModel {
    /** Each record class's components, looked up once: this runs on every page. */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> components = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    components.add(new Component(component.getName(),
                            MethodHandles.lookup().unreflect(component.getAccessor())));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("unreadable page model component " + component.getName(), e);
                }
            }
            return List.copyOf(components);
        }
    };

    private record Component(String name, MethodHandle accessor) {}

    private PageModel() {}

    /** {@code layout} with every component of each of {@code parts} added under its own name. */
    public static Map<String, Object> of(Map<String, Object> layout, Record... parts) {
        for (Record part : parts) {
            for (Component component : COMPONENTS.get(part.getClass())) {
                try {
                    layout.put(component.name(), component.accessor().invoke(part));
                } catch (Throwable e) {
                    throw new IllegalStateException("unreadable page model component " + component.name(), e);
                }
            }
        }
        return layout;
    }
}
