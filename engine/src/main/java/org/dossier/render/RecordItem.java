package org.dossier.render;

import java.util.List;

/** One element of the read-only view of a record: a field, a section or a repeatable group. */
public sealed interface RecordItem permits RecordItem.Field, RecordItem.Section, RecordItem.Group {
    /** {@code field}, {@code section} or {@code group}. */
    String kind();

    /**
     * A label and its value, already formatted.
     *
     * @param empty  true when the record holds nothing here (value is the localised dash)
     * @param masked true when the value is confidential and hidden from this member
     */
    record Field(String label, String value, boolean empty, boolean masked) implements RecordItem {
        @Override
        public String kind() {
            return "field";
        }
    }

    /** A section with its heading. */
    record Section(String id, String legend, List<RecordItem> items) implements RecordItem {
        public Section {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "section";
        }
    }

    /** A repeatable group: one list entry per row; {@code emptyText} shows when there is none. */
    record Group(String id, String legend, List<Row> rows, String emptyText) implements RecordItem {
        public Group {
            rows = List.copyOf(rows);
        }

        @Override
        public String kind() {
            return "group";
        }
    }

    /** One row of a group. */
    record Row(String legend, List<RecordItem> items) {
        public Row {
            items = List.copyOf(items);
        }
    }
}
