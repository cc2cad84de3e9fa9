package org.dossier.record;

import java.util.Optional;

/**
 * The orders of the case-file list, each with its URL key. Name runs A to Z or Z to A; last update
 * and opening date run newest first or oldest first. Every order ends on the id, so that pages
 * never overlap nor skip a case file whose sort value equals its neighbour's.
 */
public enum RecordSort {
    UPDATED_DESC("updated", Column.UPDATED, true),
    UPDATED_ASC("updated-asc", Column.UPDATED, false),
    NAME_ASC("name", Column.NAME, false),
    NAME_DESC("name-desc", Column.NAME, true),
    OPENED_DESC("opened", Column.OPENED, true),
    OPENED_ASC("opened-asc", Column.OPENED, false);

    /** What the rows are ordered by; each filter has one index per column (see {@link RecordListIndex}). */
    public enum Column { UPDATED, NAME, OPENED }

    private final String key;
    private final Column column;
    private final boolean descending;

    RecordSort(String key, Column column, boolean descending) {
        this.key = key;
        this.column = column;
        this.descending = descending;
    }

    public static final RecordSort DEFAULT = UPDATED_DESC;

    /** The URL key, e.g. {@code name-desc}. */
    public String key() {
        return key;
    }

    public Column column() {
        return column;
    }

    public boolean descending() {
        return descending;
    }

    /** The order named by a URL key; empty for anything else. */
    public static Optional<RecordSort> fromKey(String key) {
        for (RecordSort sort : values()) {
            if (sort.key.equals(key)) {
                return Optional.of(sort);
            }
        }
        return Optional.empty();
    }

    /** The ORDER BY clause: fixed text per constant, nothing from the request. */
    String orderBy() {
        String direction = descending ? " DESC" : "";
        return switch (column) {
            case UPDATED -> "updated_at" + direction + ", id" + direction;
            case NAME -> "last_name" + direction + ", first_name" + direction + ", id" + direction;
            case OPENED -> "opened_on" + direction + ", id" + direction;
        };
    }
}
