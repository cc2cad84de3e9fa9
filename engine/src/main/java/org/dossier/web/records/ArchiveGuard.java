package org.dossier.web.records;

import org.dossier.record.ArchivedRecordException;
import org.dossier.record.RecordId;
import org.dossier.retention.RecordArchive;
import org.dossier.web.RequestParams;
import org.dossier.web.auth.AccessRoutes.TenantHandler;

/**
 * The pages that show a form to change a case file (edit, a section, a follow-up entry, the merge,
 * the delete confirmation) answer 409 {@code archived} for an archived one, as its save would,
 * rather than show a form whose post is refused. The refusal itself is RecordService's.
 */
final class ArchiveGuard {
    private ArchiveGuard() {}

    static TenantHandler writable(RecordArchive archive, TenantHandler page) {
        return (ctx, access) -> {
            RecordId id = RequestParams.recordId(ctx);
            if (archive.standing(access.tenant().id(), id).readOnly()) {
                throw new ArchivedRecordException(id.toString());
            }
            page.handle(ctx, access);
        };
    }
}
