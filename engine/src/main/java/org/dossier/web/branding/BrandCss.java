package org.dossier.web.branding;

import io.javalin.http.Context;
import java.util.regex.Pattern;
import org.dossier.account.TenantAccess;
import org.dossier.tenant.Tenant;

/**
 * The service's colours as CSS custom properties, served as a stylesheet so that pages need no
 * inline style (the Content-Security-Policy forbids it).
 */
public final class BrandCss {
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final String FALLBACK = "#1e3a8a";
    public void serve(Context ctx, TenantAccess access) {
        Tenant tenant = access.tenant();
        String brand = HEX.matcher(tenant.primaryColor()).matches() ? tenant.primaryColor() : FALLBACK;
        ctx.header("Cache-Control", "private, max-age=300");
        ctx.contentType("text/css; charset=utf-8").result(css(brand));
    }

    static String css(String brand) {
        return ":root {\n  --brand: " + brand + ";\n  --brand-contrast: " + contrastText(brand) + ";\n}\n";
    }

    /** White or near-black text, whichever contrasts more with the colour (WCAG relative luminance). */
    static String contrastText(String hex) {
        double luminance = org.dossier.branding.Colours.luminance(hex);
        double againstWhite = 1.05 / (luminance + 0.05);
        double againstBlack = (luminance + 0.05) / 0.05;
        return againstWhite >= againstBlack ? "#ffffff" : "#111111";
    }

}
