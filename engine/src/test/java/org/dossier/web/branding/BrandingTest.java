package org.dossier.web.branding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.branding.LogoTest;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A service's name, colour and logo, set by its admin and applied to its pages. */
@Tag("integration")
class BrandingTest {
    private Services services;
    private Tenant tenant;
    private TestClient admin;
    private String page;

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "brand");
        admin = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, true));
        page = "/t/" + tenant.slug() + "/admin/branding";
    }

    private HttpResponse<String> save(String name, String colour, String fileName, String type, byte[] file) {
        return admin.postMultipart(page, List.of(Map.entry("name", name), Map.entry("colour", colour)), "logo", fileName,
                type, file);
    }

    @Test
    void name_colour_and_logo_are_applied_to_every_page_of_the_service() {
        byte[] png = LogoTest.image("png", 240, 80);

        HttpResponse<String> saved = save("Maison des solidarités", "#5b21b6", "logo.png", "image/png", png);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        Tenant updated = services.tenants().require(tenant.slug());
        assertThat(updated.name()).isEqualTo("Maison des solidarités");
        assertThat(updated.primaryColor()).isEqualTo("#5b21b6");
        assertThat(admin.get("/t/" + tenant.slug() + "/brand.css").body()).contains("--brand: #5b21b6");
        String list = admin.get("/t/" + tenant.slug() + "/records").body();
        assertThat(list).contains("Maison des solidarités").contains(updated.logoUrl());
        HttpResponse<String> logo = admin.get(updated.logoUrl());
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/png"));
    }

    @Test
    void a_colour_white_text_cannot_be_read_on_is_refused_with_its_contrast() {
        HttpResponse<String> refused = save("Service clair", "#ffcc00", "", "application/octet-stream", null);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("1,").contains("4,5:1");
        assertThat(services.tenants().require(tenant.slug()).primaryColor()).isEqualTo("#1e3a8a");
        assertThat(services.tenants().require(tenant.slug()).name()).isEqualTo(tenant.name());
    }

    @Test
    void an_svg_or_a_renamed_file_is_refused_and_changes_nothing() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> asSvg = save("Nouveau nom", "#1e3a8a", "logo.svg", "image/svg+xml", svg);
        HttpResponse<String> renamed = save("Nouveau nom", "#1e3a8a", "logo.png", "image/png", svg);
        HttpResponse<String> text = save("Nouveau nom", "#1e3a8a", "logo.png", "image/png",
                "just text".getBytes(StandardCharsets.UTF_8));

        assertThat(asSvg.statusCode()).isEqualTo(422);
        assertThat(renamed.statusCode()).isEqualTo(422);
        assertThat(renamed.body()).contains("SVG");
        assertThat(text.statusCode()).isEqualTo(422);
        Tenant unchanged = services.tenants().require(tenant.slug());
        assertThat(unchanged.name()).isEqualTo(tenant.name());
        assertThat(unchanged.logoVersion()).isZero();
        assertThat(services.logos().exists(tenant.id())).isFalse();
    }

    @Test
    void a_tiny_logo_of_huge_dimensions_is_refused_quickly_with_the_localised_message_and_nothing_stored() {
        long start = System.nanoTime();
        HttpResponse<String> refused = save("Nouveau nom", "#1e3a8a", "logo.png", "image/png", LogoTest.hugePng(20_000));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Le logo doit mesurer entre 16 et 1024 pixels de côté.");
        assertThat(millis).as("decoding it took 9 s and more").isLessThan(2_000);
        assertThat(services.logos().exists(tenant.id())).isFalse();
        assertThat(services.tenants().require(tenant.slug()).name()).isEqualTo(tenant.name());
    }

    @Test
    void a_logo_is_stored_encoded_again_without_the_text_it_carried() {
        byte[] tagged = LogoTest.withTextChunk(LogoTest.image("png", 240, 80), "Author", "secret-note");

        HttpResponse<String> saved = save(tenant.name(), "#1e3a8a", "logo.png", "image/png", tagged);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        byte[] stored = services.logos().find(tenant.id()).orElseThrow().bytes();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("tEXt").doesNotContain("secret-note");
        assertThat(stored).isNotEqualTo(tagged);
        assertThat(services.logos().find(tenant.id()).orElseThrow().width()).isEqualTo(240);
    }

    @Test
    void an_upload_sent_in_chunks_without_a_length_is_held_to_the_body_limit() throws Exception {
        String boundary = "----dossierchunked";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + admin.csrf()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
                + "x".repeat(2 * 1024 * 1024) + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(org.dossier.testing.TestServer.baseUrl() + page))
                .header("Cookie", admin.sessionCookie())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(services.tenants().require(tenant.slug()).name()).isEqualTo(tenant.name());
    }

    @Test
    void a_caseworker_may_not_change_the_branding() {
        TestClient caseworker = TestClient.browser(TestUsers.member(services, tenant, Role.CASEWORKER, true));

        HttpResponse<String> refused = caseworker.postMultipart(page, List.of(Map.entry("name", "Piraté"),
                Map.entry("colour", "#000000")), "logo", "x.png", "image/png", LogoTest.image("png", 20, 20));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(services.tenants().require(tenant.slug()).name()).isEqualTo(tenant.name());
    }
}
