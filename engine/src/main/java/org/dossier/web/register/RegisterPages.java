package org.dossier.web.register;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.account.Permission;
import org.dossier.account.TenantAccess;
import org.dossier.register.PlatformProcessing;
import org.dossier.register.ProcessingRegister;
import org.dossier.register.RegisterService;
import org.dossier.tenant.Tenant;
import org.dossier.web.Dates;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * A service's register page: today's register, or the one a past version implied ({@code ?version=N})
 * or that stood on a day ({@code ?at=YYYY-MM-DD}), with the list of versions, the downloads and,
 * for an admin, the link to the controller's details. The super-admin's page lists every
 * service's entry and the platform's own processing.
 */
public final class RegisterPages {
    private final RegisterService registers;
    private final PebbleTemplates templates;

    public RegisterPages(RegisterService registers, PebbleTemplates templates) {
        this.registers = registers;
        this.templates = templates;
    }

    /** Which register a request asks for: a version, a day, or today's. */
    record Selection(Optional<ProcessingRegister> register, boolean asOf, String at, String query) {}

    public void service(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        Tenant tenant = access.tenant();
        Selection selection = select(ctx, registers, tenant);
        String base = "/t/" + tenant.slug() + "/admin/register";
        int shown = selection.register().map(ProcessingRegister::formVersion).orElse(0);
        List<RegisterPageModels.VersionRow> versions = registers.versions(tenant.id()).stream()
                .map(version -> new RegisterPageModels.VersionRow(version.number(),
                        Dates.time(version.publishedAt(), locale), base + "?version=" + version.number(),
                        selection.asOf() && version.number() == shown))
                .toList();
        String notice = selection.register().isPresent() ? ""
                : UiText.get(locale, "register.asOf.none", Dates.date(selection.at(), locale));
        RegisterPageModels.RegisterPage page = new RegisterPageModels.RegisterPage(
                selection.register().map(register -> RegisterView.of(register, locale)).orElse(null), notice,
                selection.asOf(), selection.at(), versions, base, base + ".pdf" + selection.query(),
                base + ".json" + selection.query(),
                access.can(Permission.CUSTOMISE_SERVICE) ? base + "/controller" : "",
                ctx.queryParam("saved") != null);
        templates.respond(ctx, "pages/register", PageModel.of(Pages.layout(ctx, locale,
                UiText.get(locale, "register.title")), page), locale);
    }

    public void platform(Context ctx, Principal principal) {
        Locale locale = RequestLocale.of(ctx);
        List<RegisterPageModels.ServiceRow> services = registers.platform().stream()
                .map(entry -> {
                    ProcessingRegister register = entry.register();
                    return new RegisterPageModels.ServiceRow(register.serviceName(), entry.tenant().slug(),
                            register.controller().dpoEmail(), register.formVersion(),
                            register.purposes().stream().map(purpose -> purpose.name() + " ("
                                    + RegisterView.basis(purpose.legalBasis(), locale) + ")").toList(),
                            register.hasSpecialCategories(), register.toComplete().size(),
                            "/admin/register/" + entry.tenant().slug() + "/controller");
                })
                .toList();
        List<RegisterPageModels.ProcessingRow> platform = java.util.Arrays.stream(PlatformProcessing.values())
                .map(processing -> {
                    String key = "register.platform." + processing.key() + ".";
                    return new RegisterPageModels.ProcessingRow(processing.key(), UiText.get(locale, key + "name"),
                            RegisterView.basis(processing.legalBasis(), locale), UiText.get(locale, key + "subjects"),
                            UiText.get(locale, key + "data"), UiText.get(locale, key + "recipients"),
                            UiText.get(locale, key + "retention"));
                })
                .toList();
        templates.respond(ctx, "pages/register-platform", PageModel.of(Pages.layout(ctx, locale,
                UiText.get(locale, "register.platform.title")), new RegisterPageModels.PlatformPage(services, platform)),
                locale);
    }

    /**
     * The register the query asks for.
     *
     * @throws DomainException {@code invalidRequest} (400) for a malformed version or date;
     *                         {@code notFound} (404) for a version the service never published
     */
    static Selection select(Context ctx, RegisterService registers, Tenant tenant) {
        String version = ctx.queryParam("version");
        String at = ctx.queryParam("at");
        if (version != null && !version.isBlank()) {
            if (!version.strip().matches("\\d{1,9}")) {
                throw new DomainException("invalidRequest", 400, "version is not a number");
            }
            int number = Integer.parseInt(version.strip());
            ProcessingRegister register = registers.ofVersion(tenant, number)
                    .orElseThrow(() -> new DomainException("notFound", 404, "no such version"));
            return new Selection(Optional.of(register), true, "", "?version=" + number);
        }
        if (at != null && !at.isBlank()) {
            LocalDate day;
            try {
                day = LocalDate.parse(at.strip());
            } catch (DateTimeParseException e) {
                throw new DomainException("invalidRequest", 400, "at is not a date (YYYY-MM-DD)");
            }
            return new Selection(registers.asOf(tenant, day), true, day.toString(), "?at=" + day);
        }
        return new Selection(Optional.of(registers.current(tenant)), false, "", "");
    }
}
