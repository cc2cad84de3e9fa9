package org.dossier.web.records;

import io.javalin.http.Context;
import java.util.Locale;
import org.dossier.account.Permission;
import org.dossier.account.TenantAccess;
import org.dossier.tenant.Tenant;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/** Renders a case-file page in the frame they all share (which service, which actions to offer). */
final class CaseFilePage {
    private CaseFilePage() {}

    static void render(Context ctx, TenantAccess access, PebbleTemplates templates, String template, String title,
                       Record... parts) {
        Locale locale = RequestLocale.of(ctx);
        Tenant tenant = access.tenant();
        // Actions the member's role does not allow are not offered (their routes answer 403 anyway).
        RecordPageModels.Frame frame = new RecordPageModels.Frame(tenant.slug(), access.can(Permission.WRITE_RECORDS),
                tenant.template(), access.can(Permission.DATA_PROTECTION));
        Record[] all = new Record[parts.length + 2];
        all[0] = frame;
        all[1] = ListReturn.of(ctx, tenant); // "Retour à la liste" returns to the list as it was
        System.arraycopy(parts, 0, all, 2, parts.length);
        templates.respond(ctx, template, PageModel.of(Pages.layout(ctx, locale, title), all), locale);
    }
}
