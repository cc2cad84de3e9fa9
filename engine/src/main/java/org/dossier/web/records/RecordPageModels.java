package org.dossier.web.records;

import java.util.Map;
import org.dossier.render.FormView;

/** The typed models of the case-file pages; each component is a variable of the page's template. */
final class RecordPageModels {
    private RecordPageModels() {}

    /** What every case-file page shows around its content: which service, and which actions to offer. */
    record Frame(String tenantSlug, boolean canWrite, boolean template, boolean canDelete) {}

    /**
     * {@code pages/record-form}: a new case file or an edit, with the hidden fields the post carries back.
     * {@code restored} when the values are typing kept after a session expired, {@code flash} then saying so.
     */
    record FormPage(FormView form, String formAction, Map<String, String> hiddenFields, String cancelUrl, String alert,
                    String flash, boolean restored) {
        FormPage(FormView form, String formAction, Map<String, String> hiddenFields, String cancelUrl, String alert) {
            this(form, formAction, hiddenFields, cancelUrl, alert, "", false);
        }
    }

}
