package org.dossier.web.records;

import java.util.Locale;
import org.dossier.retention.RecordArchive;
import org.dossier.web.Dates;
import org.dossier.web.view.PageErrors;

/** The page models of the archive: the banner of a case file's page, and the reason pages. */
final class ArchivePageModels {
    private ArchivePageModels() {}

    /**
     * {@code record/archive-banner}, on a case file's page. {@code canWrite} and {@code canDelete}
     * override the frame's: an archived case file offers no edit, a held one no erasure (refused
     * while the hold stands); an archived one can be erased (a GDPR right).
     *
     * @param archived      archived or due for deletion, hence read-only
     * @param due           due for deletion: the next lifecycle pass deletes it
     * @param archivedOn    the day it was archived (formatted)
     * @param deletedOn     the day it is (or was) due for deletion (formatted)
     * @param held          under a legal hold, with its reason, author and date
     * @param canManage     whether the reader may reactivate and place or lift holds (an admin)
     */
    record Banner(boolean archived, boolean due, String archivedOn, String deletedOn, boolean held, String holdReason,
                  String holdBy, String holdSince, boolean canManage, String reactivateUrl, String holdUrl,
                  String liftUrl, boolean canWrite, boolean canDelete) {
        static Banner of(RecordArchive.Standing standing, RecordMeta meta, Locale locale, boolean canManage,
                         boolean canWrite, boolean canDelete) {
            boolean readOnly = standing.readOnly();
            return new Banner(readOnly, standing.phase() == org.dossier.retention.Retention.Phase.DUE_FOR_DELETION,
                    Dates.date(standing.archivedOn().toString(), locale),
                    Dates.date(standing.deletedOn().toString(), locale),
                    standing.hold().isPresent(),
                    standing.hold().map(hold -> hold.reason()).orElse(""),
                    standing.hold().map(hold -> hold.placedBy()).orElse(""),
                    standing.hold().map(hold -> Dates.time(hold.placedAt(), locale)).orElse(""),
                    canManage, meta.url() + "/reactivate", meta.url() + "/hold", meta.url() + "/hold/lift",
                    canWrite && !readOnly, canDelete && standing.hold().isEmpty());
        }
    }

    /**
     * {@code pages/record-archive-action}: one reason asked before an admin's action (reactivate,
     * place a hold, lift it), posted to {@code action}.
     */
    record ReasonPage(RecordMeta record, String intro, String action, String submit, String reason,
                      boolean warning) {}

    /** The errors of the reason page. */
    static PageErrors reasonError(String message) {
        return new PageErrors.Builder(name -> "archive-" + name).input("reason", message).build();
    }
}
