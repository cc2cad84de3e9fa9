package org.dossier.web.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dossier.export.ExportFormat;
import org.dossier.tenant.Tenant;
import org.dossier.web.UiText;

/**
 * The list page's export form (a GET form, no script): the list's search and filters as hidden
 * fields, so that the file holds what the list shows, a choice of format and whether archived
 * case files come too (ticked when the list shows the archives).
 */
record ExportControls(String action, List<Hidden> hidden, List<Format> formats, boolean archived) {
    record Hidden(String name, String value) {}

    record Format(String value, String label, boolean selected) {}

    static ExportControls of(Tenant tenant, RecordListState state, Locale locale) {
        List<Hidden> hidden = new ArrayList<>();
        add(hidden, "q", state.q());
        add(hidden, "status", state.status());
        add(hidden, "antenne", state.antenne());
        add(hidden, "referent", state.referent());
        add(hidden, "mine", state.mine() ? "1" : "");
        add(hidden, "todo", state.toComplete() ? "1" : "");
        List<Format> formats = new ArrayList<>();
        for (ExportFormat format : ExportFormat.values()) {
            formats.add(new Format(format.key(), UiText.get(locale, "export.format." + format.key()),
                    format == ExportFormat.XLSX));
        }
        return new ExportControls(RecordListState.listPath(tenant) + "/export", hidden, formats, state.archives());
    }

    private static void add(List<Hidden> hidden, String name, String value) {
        if (!value.isEmpty()) {
            hidden.add(new Hidden(name, value));
        }
    }
}
