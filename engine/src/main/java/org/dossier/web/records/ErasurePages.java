package org.dossier.web.records;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.account.Permission;
import org.dossier.account.TenantAccess;
import org.dossier.record.RecordId;
import org.dossier.record.StaleRecordException;
import org.dossier.retention.ErasureRequests;
import org.dossier.tenant.Tenant;
import org.dossier.validation.Messages;
import org.dossier.web.Dates;
import org.dossier.web.FormBody;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.web.view.PageErrors;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The erasure request of one case file, for an admin or the service's DPO: a page showing only
 * what identifies the file, asking for a reason, then the erasure. A refusal (legal hold, stale
 * version, no reason) shows the page again with its message and nothing changed.
 */
public final class ErasurePages {
    static final String REASON = "reason";
    static final String VERSION = "_version";

    private final ErasureRequests erasures;
    private final FormBody formBody;
    private final Messages messages;
    private final PebbleTemplates templates;

    public ErasurePages(ErasureRequests erasures, FormBody formBody, Messages messages, PebbleTemplates templates) {
        this.erasures = erasures;
        this.formBody = formBody;
        this.messages = messages;
        this.templates = templates;
    }

    public void form(Context ctx, TenantAccess access) {
        show(ctx, access, "", PageErrors.none(), 200);
    }

    public void erase(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        Map<String, List<String>> posted = formBody.parse(ctx);
        String reason = single(posted, REASON);
        try {
            erasures.erase(tenant.id(), id, version(single(posted, VERSION)), reason, RequestContext.actor(ctx));
        } catch (StaleRecordException e) {
            show(ctx, access, reason, general(messages.general("staleErasure", locale)), 409);
            return;
        } catch (DomainException e) {
            switch (e.code()) {
                case "reasonRequired" -> show(ctx, access, reason, new PageErrors.Builder(name -> "erase-" + name)
                        .input(REASON, messages.general("reasonRequired", locale, ErasureRequests.MAX_REASON)).build(), 422);
                case "held" -> show(ctx, access, reason, general(messages.general("held", locale)), 409);
                default -> throw e;
            }
            return;
        }
        ctx.redirect(access.can(Permission.READ_RECORDS) ? "/t/" + tenant.slug() + "/records?erased=1"
                : "/t/" + tenant.slug() + "/admin/lifecycle?erased=1", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, TenantAccess access, String reason, PageErrors errors, int status) {
        Tenant tenant = access.tenant();
        Locale locale = RequestLocale.of(ctx);
        RecordId id = RequestParams.recordId(ctx);
        ErasureRequests.Identity identity = erasures.identify(tenant.id(), id);
        String url = "/t/" + tenant.slug() + "/records/" + id;
        String name = String.join(" ", nonNull(identity.lastName()), nonNull(identity.firstName())).strip();
        ErasurePageModels.ErasePage page = new ErasurePageModels.ErasePage(
                name.isEmpty() ? UiText.get(locale, "erase.unnamed") : name,
                nonNull(identity.lastName()), nonNull(identity.firstName()),
                identity.birthDate() == null ? "" : Dates.date(identity.birthDate(), locale),
                Dates.time(identity.createdAt(), locale), Dates.time(identity.lastActivity(), locale),
                UiText.get(locale, "erase.phase." + identity.phase().name()), identity.held(), identity.version(),
                url + "/erase",
                access.can(Permission.READ_RECORDS) ? url : "/t/" + tenant.slug() + "/admin/lifecycle", reason);
        ctx.status(status);
        templates.respond(ctx, "pages/record-erase",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "erase.title")), page, errors,
                        new ErasedFiles(erasures.attachments(tenant.id(), id))), locale);
    }

    /** The files that go with the case file: the person erasing it sees how many. */
    record ErasedFiles(long attachments) {}

    private static PageErrors general(String message) {
        return new PageErrors.Builder(name -> "erase-" + name).general(message, "erase-identity").build();
    }

    private static String single(Map<String, List<String>> posted, String name) {
        List<String> values = posted.getOrDefault(name, List.of());
        return values.size() == 1 ? values.get(0) : "";
    }

    private static int version(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DomainException("invalidRequest", 400, "_version must be the version shown");
        }
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
