package org.dossier.web.branding;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.account.TenantAccess;
import org.dossier.branding.Colours;
import org.dossier.branding.Logo;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;

/**
 * A service's branding: its name, primary colour (refused below WCAG AA contrast with white text)
 * and logo (PNG, JPEG or WebP, checked by content). Applied to every page of the service through
 * the CSS custom properties of {@code /t/{service}/brand.css}.
 */
public final class BrandingPages {
    private final Services services;

    public BrandingPages(Services services) {
        this.services = services;
    }

    public void show(Context ctx, TenantAccess access) {
        render(ctx, access, 200, "", access.tenant().name(), access.tenant().primaryColor());
    }

    public void save(Context ctx, TenantAccess access) {
        Locale locale = RequestLocale.of(ctx);
        String name = value(ctx.formParam("name")).strip();
        String colour = value(ctx.formParam("colour")).strip().toLowerCase(Locale.ROOT);
        try {
            if (name.isEmpty() || name.length() > 200) {
                throw new DomainException("invalidServiceName", 422, "a name of 1 to 200 characters");
            }
            checkColour(colour, locale);
            Logo logo = null;
            UploadedFile file = ctx.uploadedFile("logo");
            if (file != null && file.size() > 0) {
                if (file.size() > Logo.MAX_BYTES) {
                    throw new DomainException("logoTooLarge", 413, "too large");
                }
                try (InputStream in = file.content()) {
                    logo = Logo.check(in.readNBytes(Logo.MAX_BYTES + 1));
                }
            }
            services.tenants().updateBranding(access.tenant().id(), name, colour);
            if (logo != null) {
                services.logos().save(access.tenant().id(), logo, RequestContext.actor(ctx).id());
                services.tenants().logoChanged(access.tenant().id(), true);
            } else if ("on".equals(ctx.formParam("removeLogo"))) {
                services.logos().delete(access.tenant().id());
                services.tenants().logoChanged(access.tenant().id(), false);
            }
            services.jdbi().useHandle(handle -> services.audit().record(handle, access.tenant().id(),
                    RequestContext.actor(ctx), "branding.changed", "tenant", access.tenant().id().toString(),
                    services.json().mapper().createObjectNode().put("name", name).put("colour", colour)));
        } catch (DomainException e) {
            render(ctx, access, e.status(), e.code().equals("lowContrast") ? e.getMessage()
                    : services.messages().general(e.code(), locale), name, colour);
            return;
        } catch (IOException e) {
            throw new DomainException("invalidRequest", 400, e.getMessage());
        }
        ctx.redirect("/t/" + access.tenant().slug() + "/admin/branding?saved=1", HttpStatus.SEE_OTHER);
    }

    /** The logo, to any member of the service. */
    public void logo(Context ctx, TenantAccess access) {
        Logo logo = services.logos().find(access.tenant().id())
                .orElseThrow(() -> new DomainException("notFound", 404, "no logo"));
        ctx.header("Cache-Control", "private, max-age=86400");
        ctx.contentType(logo.contentType()).result(logo.bytes());
    }

    /**
     * @throws DomainException {@code invalidColour}, or {@code lowContrast} whose message already
     *                         says the measured ratio in the request's language
     */
    public static void checkColour(String colour, Locale locale) {
        if (!Colours.isHex(colour)) {
            throw new DomainException("invalidColour", 422, "a colour like #1e3a8a");
        }
        double ratio = Colours.contrastWithWhite(colour);
        if (ratio < Colours.MIN_CONTRAST) {
            throw new DomainException("lowContrast", 422,
                    UiText.get(locale, "branding.lowContrast", String.format(locale, "%.2f", ratio)));
        }
    }

    private void render(Context ctx, TenantAccess access, int status, String error, String name, String colour) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> model = Pages.layout(ctx, locale, UiText.get(locale, "branding.title"));
        model.put("error", error);
        model.put("name", name);
        model.put("colour", colour);
        model.put("logoUrl", services.tenants().require(access.tenant().slug()).logoUrl());
        model.put("maxKib", Logo.MAX_BYTES / 1024);
        model.put("maxSide", Logo.MAX_SIDE);
        model.put("formAction", "/t/" + access.tenant().slug() + "/admin/branding");
        model.put("flash", ctx.queryParam("saved") != null ? UiText.get(locale, "branding.saved") : "");
        ctx.status(status).html(services.templates().render("admin/branding", model, locale));
    }

    private static String value(String text) {
        return text == null ? "" : text;
    }
}
