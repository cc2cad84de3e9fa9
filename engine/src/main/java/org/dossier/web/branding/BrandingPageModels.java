package org.dossier.web.branding;

/** The typed models of the branding pages; each component is a variable of the page's template. */
final class BrandingPageModels {
    private BrandingPageModels() {}

    /**
     * {@code admin/branding}: the entered name and colour, the logo's limits. {@code logoUrl} and
     * {@code flash} replace the layout's: the logo as just saved, the saved notice. {@code referentSettingUrl}: the service's other setting.
     */
    record BrandingPage(String error, String name, String colour, String logoUrl, int maxKib, int maxSide,
                        String formAction, String flash, String referentSettingUrl) {}
}
