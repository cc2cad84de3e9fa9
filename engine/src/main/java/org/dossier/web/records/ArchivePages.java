package org.dossier.web.records;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.retention.RecordArchive;
import org.dossier.tenant.Tenant;
import org.dossier.validation.Messages;
import org.dossier.web.FormBody;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.web.view.PageErrors;
import org.dossier.web.view.PebbleTemplates;

/**
 * An admin's actions on the archive of one case file, each on its own page asking for a reason
 * (no JavaScript needed): reactivate an archived case file, place a legal hold, lift it.
 */
public final class ArchivePages {
    private final RecordArchive archive;
    private final RecordService records;
    private final FormBody formBody;
    private final Messages messages;
    private final PebbleTemplates templates;

    public ArchivePages(RecordArchive archive, RecordService records, FormBody formBody, Messages messages,
                        PebbleTemplates templates) {
        this.archive = archive;
        this.records = records;
        this.formBody = formBody;
        this.messages = messages;
        this.templates = templates;
    }

    /** What each page does: its texts and the engine call its post makes. */
    private enum Action {
        REACTIVATE("reactivate", "/reactivate", false),
        HOLD("hold", "/hold", false),
        LIFT("lift", "/hold/lift", true);

        final String key;
        final String path;
        final boolean warning;

        Action(String key, String path, boolean warning) {
            this.key = key;
            this.path = path;
            this.warning = warning;
        }
    }

    public void reactivateForm(Context ctx, TenantAccess access) {
        show(ctx, access, Action.REACTIVATE, "", PageErrors.none(), 200);
    }

    public void reactivate(Context ctx, TenantAccess access) {
        post(ctx, access, Action.REACTIVATE);
    }

    public void holdForm(Context ctx, TenantAccess access) {
        show(ctx, access, Action.HOLD, "", PageErrors.none(), 200);
    }

    public void hold(Context ctx, TenantAccess access) {
        post(ctx, access, Action.HOLD);
    }

    public void liftForm(Context ctx, TenantAccess access) {
        show(ctx, access, Action.LIFT, "", PageErrors.none(), 200);
    }

    public void lift(Context ctx, TenantAccess access) {
        post(ctx, access, Action.LIFT);
    }

    private void post(Context ctx, TenantAccess access, Action action) {
        Tenant tenant = access.tenant();
        RecordId id = RequestParams.recordId(ctx);
        List<String> posted = formBody.parse(ctx).getOrDefault("reason", List.of());
        String reason = posted.size() == 1 ? posted.get(0) : "";
        try {
            switch (action) {
                case REACTIVATE -> archive.reactivate(tenant.id(), id, reason, RequestContext.actor(ctx));
                case HOLD -> archive.placeHold(tenant.id(), id, reason, RequestContext.actor(ctx));
                case LIFT -> archive.liftHold(tenant.id(), id, reason, RequestContext.actor(ctx));
            }
        } catch (DomainException e) {
            if (!"reasonRequired".equals(e.code())) {
                throw e;
            }
            Locale locale = RequestLocale.of(ctx);
            show(ctx, access, action, reason,
                    ArchivePageModels.reasonError(messages.general("reasonRequired", locale, RecordArchive.MAX_REASON)),
                    422);
            return;
        }
        ctx.redirect("/t/" + tenant.slug() + "/records/" + id + "?archive=" + action.key, HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, TenantAccess access, Action action, String reason, PageErrors errors, int status) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        CaseRecord record = records.get(tenant.id(), RequestParams.recordId(ctx));
        RecordMeta meta = RecordMeta.of(tenant, record, locale);
        ctx.status(status);
        CaseFilePage.render(ctx, access, templates, "pages/record-archive-action",
                UiText.get(locale, "archive." + action.key + ".title"),
                new ArchivePageModels.ReasonPage(meta, UiText.get(locale, "archive." + action.key + ".intro"),
                        meta.url() + action.path, UiText.get(locale, "archive." + action.key + ".submit"), reason,
                        action.warning),
                errors);
    }
}
