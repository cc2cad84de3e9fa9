package org.dossier.web.register;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.account.TenantAccess;
import org.dossier.register.ProcessingRegister.Controller;
import org.dossier.register.RegisterService;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantService;
import org.dossier.web.FormBody;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The controller's contact details, filled once per service by its admin (from the register
 * page) or by a super-admin (from the platform's register). Every problem is shown at once, in an
 * error summary linked to its input, and nothing is saved until none is left.
 */
public final class ControllerPages {
    /** Input name, maximum length (the column's), input type. */
    private record Spec(String name, int maxLength, String type) {}

    private static final List<Spec> INPUTS = List.of(new Spec("organisation", 200, "text"),
            new Spec("representative", 200, "text"), new Spec("address", 500, "textarea"),
            new Spec("email", 254, "email"), new Spec("phone", 40, "tel"), new Spec("dpoName", 200, "text"),
            new Spec("dpoEmail", 254, "email"), new Spec("dpoPhone", 40, "tel"));

    private final RegisterService registers;
    private final TenantService tenants;
    private final PebbleTemplates templates;
    private final FormBody formBody;

    public ControllerPages(RegisterService registers, TenantService tenants, PebbleTemplates templates,
                           FormBody formBody) {
        this.formBody = formBody;
        this.registers = registers;
        this.tenants = tenants;
        this.templates = templates;
    }

    public void show(Context ctx, TenantAccess access) {
        render(ctx, access.tenant(), serviceUrls(access.tenant()), values(registers.controller(access.tenant().id())),
                Map.of(), 200);
    }

    public void save(Context ctx, TenantAccess access) {
        save(ctx, access.tenant(), serviceUrls(access.tenant()));
    }

    public void showForPlatform(Context ctx, Principal principal) {
        Tenant tenant = tenants.require(ctx.pathParam("slug"));
        render(ctx, tenant, platformUrls(tenant), values(registers.controller(tenant.id())), Map.of(), 200);
    }

    public void saveForPlatform(Context ctx, Principal principal) {
        Tenant tenant = tenants.require(ctx.pathParam("slug"));
        save(ctx, tenant, platformUrls(tenant));
    }

    /** Where the form posts and where it leads back. */
    private record Urls(String form, String back) {}

    private static Urls serviceUrls(Tenant tenant) {
        String base = "/t/" + tenant.slug() + "/admin/register";
        return new Urls(base + "/controller", base);
    }

    private static Urls platformUrls(Tenant tenant) {
        return new Urls("/admin/register/" + tenant.slug() + "/controller", "/admin/register");
    }

    private void save(Context ctx, Tenant tenant, Urls urls) {
        Map<String, List<String>> posted = formBody.parse(ctx);
        Map<String, String> entered = new LinkedHashMap<>();
        for (Spec spec : INPUTS) {
            List<String> values = posted.getOrDefault(spec.name(), List.of());
            entered.put(spec.name(), values.isEmpty() ? "" : values.get(0).strip());
        }
        Map<String, String> problems = check(entered);
        if (!problems.isEmpty()) {
            render(ctx, tenant, urls, entered, problems, 422);
            return;
        }
        registers.saveController(tenant.id(), new Controller(entered.get("organisation"), entered.get("representative"),
                entered.get("address"), entered.get("email"), entered.get("phone"), entered.get("dpoName"),
                entered.get("dpoEmail"), entered.get("dpoPhone")), RequestContext.actor(ctx));
        ctx.redirect(urls.back() + "?saved=1", HttpStatus.SEE_OTHER);
    }

    /** Input name to problem code ({@code tooLong}, {@code email}). */
    static Map<String, String> check(Map<String, String> entered) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (Spec spec : INPUTS) {
            String value = entered.get(spec.name());
            if (value.length() > spec.maxLength()) {
                problems.put(spec.name(), "tooLong");
            } else if ("email".equals(spec.type()) && !value.isEmpty() && !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                problems.put(spec.name(), "email");
            }
        }
        return problems;
    }

    private static Map<String, String> values(Controller controller) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("organisation", controller.organisation());
        values.put("representative", controller.representative());
        values.put("address", controller.address());
        values.put("email", controller.email());
        values.put("phone", controller.phone());
        values.put("dpoName", controller.dpoName());
        values.put("dpoEmail", controller.dpoEmail());
        values.put("dpoPhone", controller.dpoPhone());
        return values;
    }

    private void render(Context ctx, Tenant tenant, Urls urls, Map<String, String> values, Map<String, String> problems,
                        int status) {
        Locale locale = RequestLocale.of(ctx);
        List<RegisterPageModels.Input> inputs = new ArrayList<>();
        List<RegisterPageModels.Problem> summary = new ArrayList<>();
        for (Spec spec : INPUTS) {
            String label = UiText.get(locale, "register.controller." + spec.name());
            String error = problems.containsKey(spec.name())
                    ? UiText.get(locale, "register.controller.error." + problems.get(spec.name()), label, spec.maxLength())
                    : "";
            inputs.add(new RegisterPageModels.Input(spec.name(), label, values.getOrDefault(spec.name(), ""),
                    spec.maxLength(), spec.type(), error));
            if (!error.isEmpty()) {
                summary.add(new RegisterPageModels.Problem("controller-" + spec.name(), error));
            }
        }
        String title = UiText.get(locale, "register.controller.title");
        ctx.status(status);
        templates.respond(ctx, "pages/register-controller", PageModel.of(Pages.layout(ctx, locale,
                summary.isEmpty() ? title : UiText.get(locale, "register.controller.errorTitle", title)),
                new RegisterPageModels.ControllerPage(urls.form(), urls.back(), tenant.name(), inputs, summary)), locale);
    }
}
