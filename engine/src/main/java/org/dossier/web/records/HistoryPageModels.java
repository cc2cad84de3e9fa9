package org.dossier.web.records;

import java.util.List;

/** The typed model of the history page of a case file ({@code pages/record-history}). */
public final class HistoryPageModels {
    private HistoryPageModels() {}

    /**
     * One changed field as the reader sees it.
     *
     * @param label  the field's labels from its section down, joined ({@code Composition du foyer › Ligne 2 › Prénom})
     * @param masked a confidential field the reader may not see: only "modifié" shows, never its values
     */
    public record Change(String label, String before, String after, boolean masked, boolean confidential) {}

    /** One save: when, by whom, which version it made and through which form version, and what it changed. */
    public record Entry(String at, String by, int version, int schemaVersion, boolean creation, List<Change> changes) {}

    /**
     * The page: its saves, newest first, with links to the previous and next pages ("" where none).
     *
     * @param maskedNotice whether some change is masked for this reader (the page says why)
     */
    record HistoryPage(RecordMeta meta, List<Entry> entries, long total, int page, String previousUrl,
                       String nextUrl, boolean maskedNotice) {}

    /** On the case file's page: its history, and its access export for whoever answers access requests ("" otherwise). */
    record Links(String historyUrl, String accessUrl) {
        static Links of(RecordMeta meta, boolean dataProtection) {
            return new Links(meta.url() + "/history", dataProtection ? meta.url() + "/access" : "");
        }
    }
}
