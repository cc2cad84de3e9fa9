package org.dossier.web.platform;

import org.dossier.metrics.ServiceUsage;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.offboarding.ServiceSuspension;
import org.dossier.onboarding.CloneRequest;
import org.dossier.onboarding.ClonedService;
import org.dossier.onboarding.CreatedService;
import org.dossier.onboarding.NewService;
import org.dossier.onboarding.OnboardingRefusedException;
import org.dossier.tenant.Tenant;
import org.dossier.web.Dates;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.account.LoginPages;
import org.dossier.onboarding.Onboarding;
import org.dossier.tenant.TenantService;
import org.dossier.validation.Messages;
import org.dossier.web.FormBody;
import org.dossier.web.view.PageErrors;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * The super-admin's services page: every service, and the creation of a new one with its first
 * admin. A new service's form starts as a copy of the base schema.
 */
public final class PlatformPages {
    private static final String NOTICE = "dossier.platform.notice";
    private static final String PROBLEM = "dossier.platform.problem";

    private final FormBody formBody;
    private final Messages messages;
    private final Onboarding onboarding;
    private final PebbleTemplates templates;
    private final TenantService tenants;
    private final java.util.function.Supplier<List<ServiceUsage>> usage;

    private static final String CLONE_ENTERED = "dossier.cloneEntered";
    private static final String ERRORS = "dossier.platform.errors";

    public PlatformPages(FormBody formBody, Messages messages, Onboarding onboarding, PebbleTemplates templates,
                         TenantService tenants) {
        this(formBody, messages, onboarding, templates, tenants, List::of);
    }

    /** @param usage the last measure of each service's usage, for the usage columns */
    public PlatformPages(FormBody formBody, Messages messages, Onboarding onboarding, PebbleTemplates templates,
                         TenantService tenants, java.util.function.Supplier<List<ServiceUsage>> usage) {
        this.usage = usage;
        this.formBody = formBody;
        this.messages = messages;
        this.onboarding = onboarding;
        this.templates = templates;
        this.tenants = tenants;
    }

    /**
     * A service in the list. The name links to its users, or, while it is suspended, to its audit
     * log: the one page of a suspended service a super-admin still reads.
     */
    public record ServiceRow(String name, String slug, String colour, String usersUrl, String created, boolean suspended,
                             boolean template, boolean caseFiles) {}

    /** A service just created and its first admin's one-time password, when the account is new. */
    public record Created(String name, String slug, String adminEmail, String oneTimePassword) {}

    /** Creates a service by cloning another one, from the form on the services page. */
    public void cloneService(Context ctx, Principal principal) {
        Map<String, List<String>> params = formBody.parse(ctx);
        Locale locale = RequestLocale.of(ctx);
        CloneRequest request = new CloneRequest(LoginPages.first(params, "from"),
                LoginPages.first(params, "slug"), LoginPages.first(params, "name"), LoginPages.first(params, "adminEmail"),
                LoginPages.first(params, "adminName"));
        List<Onboarding.InputProblem> problems = onboarding.problems(request);
        try {
            if (problems.isEmpty()) {
                ClonedService result = onboarding.clone(request, RequestContext.actor(ctx));
                render(ctx, 201, Map.of(), Optional.of(new Created(result.tenant().name(), result.tenant().slug(),
                        result.adminEmail(), result.oneTimePassword().orElse(""))),
                        UiText.get(locale, "platform.cloned", result.source().name(), result.took().toMillis()));
                return;
            }
        } catch (DomainException e) {
            problems = List.of(new Onboarding.InputProblem(ServiceFormErrors.inputOf(e.code()), e));
        }
        // The clone form shows what was typed again, with every reason it was refused.
        ctx.attribute(CLONE_ENTERED, Map.of("from", request.from(), "slug", request.slug(), "name", request.name(),
                "adminEmail", request.adminEmail(), "adminName", request.adminName()));
        ctx.attribute(ERRORS, ServiceFormErrors.of(problems, ServiceFormErrors.CLONE, messages, locale));
        render(ctx, ServiceFormErrors.status(problems), Map.of(), Optional.empty(), "");
    }

    public void list(Context ctx, Principal principal) {
        render(ctx, 200, Map.of(), Optional.empty(), "");
    }

    /** Makes a service a template (kept only to be cloned), or an ordinary service again. */
    public void markTemplate(Context ctx, Principal principal) {
        Locale locale = RequestLocale.of(ctx);
        Tenant tenant = tenants.find(ctx.pathParam("slug"))
                .orElseThrow(() -> new DomainException("notFound", 404, "no such service"));
        boolean template = "on".equals(LoginPages.first(formBody.parse(ctx), "template"));
        try {
            onboarding.markTemplate(tenant, template, RequestContext.actor(ctx));
        } catch (OnboardingRefusedException e) {
            listWith(ctx, e.status(), "", messages.general(e.code(), locale));
            return;
        }
        listWith(ctx, 200, UiText.get(locale, template ? "platform.template.marked" : "platform.template.unmarked",
                tenant.name()), "");
    }

    /**
     * The list with the outcome of a lifecycle action above it: what was done, or why it was
     * refused (then {@code status} is the refusal's).
     */
    void listWith(Context ctx, int status, String notice, String problem) {
        ctx.attribute(NOTICE, notice);
        ctx.attribute(PROBLEM, problem);
        render(ctx, status, Map.of(), Optional.empty(), "");
    }

    public void create(Context ctx, Principal principal) {
        Map<String, List<String>> params = formBody.parse(ctx);
        Locale locale = RequestLocale.of(ctx);
        Map<String, String> entered = Map.of(
                "name", LoginPages.first(params, "name").strip(),
                "slug", LoginPages.first(params, "slug").strip(),
                "colour", LoginPages.first(params, "colour").strip(),
                "adminEmail", LoginPages.first(params, "adminEmail").strip(),
                "adminName", LoginPages.first(params, "adminName").strip());
        NewService request = new NewService(entered.get("name"), entered.get("slug"), entered.get("colour"),
                entered.get("adminEmail"), entered.get("adminName"));
        List<Onboarding.InputProblem> problems = onboarding.problems(request);
        try {
            if (problems.isEmpty()) {
                CreatedService created = onboarding.create(request, RequestContext.actor(ctx));
                render(ctx, 201, Map.of(), Optional.of(new Created(created.tenant().name(), created.tenant().slug(),
                        created.adminEmail(), created.oneTimePassword().orElse(""))), "");
                return;
            }
        } catch (DomainException e) {
            problems = List.of(new Onboarding.InputProblem(ServiceFormErrors.inputOf(e.code()), e));
        }
        ctx.attribute(ERRORS, ServiceFormErrors.of(problems, ServiceFormErrors.CREATE, messages, locale));
        render(ctx, ServiceFormErrors.status(problems), entered, Optional.empty(), "");
    }

    private void render(Context ctx, int status, Map<String, String> entered, Optional<Created> created,
                        String cloned) {
        Locale locale = RequestLocale.of(ctx);
        java.util.Set<org.dossier.tenant.TenantId> holding = tenants.holdingCaseFiles();
        List<ServiceRow> services = tenants.listAll().stream()
                .map(tenant -> new ServiceRow(tenant.name(), tenant.slug(), tenant.primaryColor(),
                        "/t/" + tenant.slug() + (tenant.suspended() ? "/admin/audit" : "/admin/users"),
                        Dates.time(tenant.createdAt(), locale), tenant.suspended(), tenant.template(),
                        holding.contains(tenant.id())))
                .toList();
        String notice = ctx.attribute(NOTICE);
        String problem = ctx.attribute(PROBLEM);
        Map<String, String> cloneEntered = ctx.attribute(CLONE_ENTERED);
        PageErrors errors = ctx.attribute(ERRORS);
        PlatformPageModels.ServicesPage page = new PlatformPageModels.ServicesPage(services,
                notice == null ? "" : notice, problem == null ? "" : problem, ServiceSuspension.MAX_REASON,
                Map.of("name", entered.getOrDefault("name", ""),
                        "slug", entered.getOrDefault("slug", ""),
                        "colour", entered.getOrDefault("colour", "#1e3a8a"),
                        "adminEmail", entered.getOrDefault("adminEmail", ""),
                        "adminName", entered.getOrDefault("adminName", "")),
                cloneEntered == null ? Map.of("from", "", "slug", "", "name", "", "adminEmail", "", "adminName", "")
                        : cloneEntered,
                created.orElse(new Created("", "", "", "")), cloned);
        templates.respond(ctx.status(status), "pages/platform-services",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "platform.title")), page,
                        errors == null ? PageErrors.none() : errors, UsageView.of(usage.get(), locale)), locale);
    }
}
