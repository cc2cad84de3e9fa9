package org.dossier.web.records;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.form.CompiledForm;
import org.dossier.form.DefaultValues;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.web.UiText;
import org.dossier.web.auth.Csrf;
import org.dossier.web.view.LayoutModel;
import org.dossier.web.view.PageModel;

/**
 * The variables of {@code pages/record-form} for a new case file, as {@link RecordPages#newForm}
 * builds them for a caseworker, but built without a request: no session, no access check, no
 * kept typing. It is the benchmark's render floor, the same template drawn from a model made
 * once, so that what separates the engine's page from it is the engine's per-request work.
 */
public final class NewCaseFileModel {
    private NewCaseFileModel() {}

    /**
     * @param confidential whether the confidential fields are drawn unmasked (the grant)
     * @param userName     the name shown in the header
     * @param csrfToken    the token carried by the page's forms
     * @param idleSeconds  the session's idle timeout the page warns about
     */
    public static Map<String, Object> of(Services services, Tenant tenant, Locale locale, boolean confidential,
                                         String userName, String csrfToken, long idleSeconds) {
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        String base = "/t/" + tenant.slug();
        ListReturn back = new ListReturn(RecordListState.fromBack(null).listUrl(tenant), "");
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put(Csrf.FIELD, csrfToken);
        Map<String, Object> layout = new LayoutModel(locale.getLanguage(), UiText.get(locale, "record.new.title"),
                tenant.name(), base + "/brand.css", base + "/records",
                new LayoutModel.LangSwitchUrls(base + "/records/new?lang=fr", base + "/records/new?lang=en"),
                Optional.empty(), userName,
                List.of(new LayoutModel.NavLink(UiText.get(locale, "nav.records"), base + "/records", true)),
                csrfToken, tenant.logoUrl(), idleSeconds).toModel();
        RecordPageModels.Frame frame = new RecordPageModels.Frame(tenant.slug(), true, tenant.template(), false);
        RecordPageModels.FormPage page = new RecordPageModels.FormPage(
                services.renderer().form(form, DefaultValues.of(form.effectiveSchema()), List.of(), locale,
                        ReferentOptions.forForm(services.referents(), tenant, confidential)),
                back.listUrl(), hidden, back.listUrl(), "", "", false);
        return PageModel.of(layout, frame, page, back, ToCompleteNotice.NONE, AttachmentPageModels.Links.NONE);
    }
}
