package org.dossier.web.branding;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.dossier.DomainException;
import org.dossier.account.TenantAccess;
import org.dossier.branding.BrandColour;
import org.dossier.branding.Logo;
import org.dossier.branding.LogoChange;
import org.dossier.branding.LowContrastException;
import org.dossier.tenant.ServiceName;
import org.dossier.validation.Messages;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.branding.BrandingService;
import org.dossier.branding.LogoStore;
import org.dossier.tenant.TenantService;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/**
 * A service's branding: its name, primary colour (refused below WCAG AA contrast with white text)
 * and logo (PNG, JPEG or WebP, checked by content). Applied to every page of the service through
 * the CSS custom properties of {@code /t/{service}/brand.css}.
 */
public final class BrandingPages {
    private final BrandingService branding;
    private final LogoStore logos;
    private final Messages messages;
    private final PebbleTemplates templates;
    private final TenantService tenants;

    public BrandingPages(BrandingService branding, LogoStore logos, Messages messages, PebbleTemplates templates,
                         TenantService tenants) {
        this.branding = branding;
        this.logos = logos;
        this.messages = messages;
        this.templates = templates;
        this.tenants = tenants;
    }

    public void show(Context ctx, TenantAccess access) {
        render(ctx, access, 200, "", access.tenant().name(), access.tenant().primaryColor());
    }

    public void save(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        String name = value(ctx.formParam("name")).strip();
        String colour = value(ctx.formParam("colour")).strip().toLowerCase(Locale.ROOT);
        try {
            // Checked in this order, each before the logo is even read: the first refusal is the one shown.
            ServiceName serviceName = ServiceName.parse(name);
            BrandColour brandColour = BrandColour.parse(colour);
            branding.change(access.tenant().id(), serviceName, brandColour, logoChange(ctx),
                    RequestContext.actor(ctx));
        } catch (DomainException e) {
            render(ctx, access, e.status(), problem(e, messages, locale), name, colour);
            return;
        } catch (IOException e) {
            throw new DomainException("invalidRequest", 400, e.getMessage());
        }
        ctx.redirect("/t/" + access.tenant().slug() + "/admin/branding?saved=1", HttpStatus.SEE_OTHER);
    }

    private static LogoChange logoChange(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("logo");
        if (file != null && file.size() > 0) {
            if (file.size() > Logo.MAX_BYTES) {
                throw new DomainException("logoTooLarge", 413, "too large");
            }
            try (InputStream in = file.content()) {
                return new LogoChange.Replace(Logo.check(in.readNBytes(Logo.MAX_BYTES + 1)));
            }
        }
        return "on".equals(ctx.formParam("removeLogo")) ? new LogoChange.Remove() : new LogoChange.Keep();
    }

    /**
     * Why a name or colour was refused, in the request's language. A low contrast says the measured
     * ratio, which the general error messages cannot.
     */
    public static String problem(DomainException e, Messages messages, Locale locale) {
        if (e instanceof LowContrastException lowContrast) {
            return UiText.get(locale, "branding.lowContrast", String.format(locale, "%.2f", lowContrast.ratio()));
        }
        return messages.general(e.code(), locale);
    }

    /** The logo, to any member of the service. */
    public void logo(Context ctx, TenantAccess access) {
        Logo logo = logos.find(access.tenant().id())
                .orElseThrow(() -> new DomainException("notFound", 404, "no logo"));
        ctx.header("Cache-Control", "private, max-age=86400");
        ctx.contentType(logo.contentType()).result(logo.bytes());
    }

    private void render(Context ctx, TenantAccess access, int status, String error, String name, String colour) {
        Locale locale = RequestLocale.of(ctx);
        BrandingPageModels.BrandingPage page = new BrandingPageModels.BrandingPage(error, name, colour,
                tenants.require(access.tenant().slug()).logoUrl(), Logo.MAX_BYTES / 1024, Logo.MAX_SIDE,
                "/t/" + access.tenant().slug() + "/admin/branding",
                ctx.queryParam("saved") != null ? UiText.get(locale, "branding.saved") : "",
                "/t/" + access.tenant().slug() + "/admin/referent");
        templates.respond(ctx.status(status), "admin/branding",
                PageModel.of(Pages.layout(ctx, locale, UiText.get(locale, "branding.title")), page), locale);
    }

    private static String value(String text) {
        return text == null ? "" : text;
    }
}
