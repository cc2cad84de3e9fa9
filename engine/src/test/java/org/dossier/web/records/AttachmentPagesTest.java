package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.attachment.AttachmentServiceTest;
import org.dossier.attachment.ContentTypes;
import org.dossier.audit.Actor;
import org.dossier.branding.LogoTest;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Files on case files through the pages and the API: uploaded with the form (multipart, no
 * script), checked by content and size, listed, downloaded with the checks and audited, removed,
 * masked in a confidential field, refused on an archived case file.
 */
@Tag("integration")
class AttachmentPagesTest {
    private static final String FIELD = "accompagnement.pieces_justificatives";
    private static final String INPUT = "_file:" + FIELD;
    private static final byte[] PDF = pdf("Bail de location");

    private static Services services;
    private static Tenant tenant;
    private static User caseworker;
    private static TestClient worker;

    /** One file of a multipart post. */
    record Part(String input, String fileName, String type, byte[] bytes) {}

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = confidentialFileForm("pj");
        caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        worker = TestClient.browser(caseworker);
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The base form with one more file field, in its confidential section. */
    static Tenant confidentialFileForm(String prefix) {
        ObjectNode definition = (ObjectNode) BaseSchema.baseSchema().deepCopy();
        ObjectNode field = ((ObjectNode) definition.at("/properties/notes_confidentielles/properties"))
                .putObject("pieces_confidentielles");
        field.put("type", "array").put("x-widget", "file").put("maxItems", 3).put("x-order", 20)
                .put("x-confidential", true);
        field.putObject("items").put("type", "string");
        field.putObject("x-label").put("fr", "Pièces confidentielles").put("en", "Confidential documents");
        field.putObject("x-gdpr").put("purpose", "Accompagnement social").put("legalBasis", "public-task")
                .put("category", "Pièces du dossier").put("specialCategory", false);
        return TestTenants.withForm(services, prefix, definition);
    }

    /** A browser's multipart post: the fields as shown, and files. */
    static HttpResponse<String> postMultipart(TestClient client, String path, List<Map.Entry<String, String>> fields,
                                              List<Part> files) {
        String boundary = "----dossierpj" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Part file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.input()
                    + "\"; filename=\"" + file.fileName() + "\"\r\nContent-Type: " + file.type() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.postBytes(path, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    private static String records() {
        return "/t/" + tenant.slug() + "/records";
    }

    /** A new case file through the page, with these files. */
    private static String created(String lastName, Part... files) {
        List<Map.Entry<String, String>> fields = TestRecords.validPost(lastName);
        HttpResponse<String> saved = postMultipart(worker, records(), fields, List.of(files));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        String location = saved.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1, location.indexOf('?'));
    }

    private static List<Attachment> stored(String recordId) {
        return services.attachments().all(tenant.id(), org.dossier.record.RecordId.parse(recordId).orElseThrow());
    }

    private static long attachmentRows() {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM attachments WHERE tenant_id = :t").bind("t", tenant.id().value())
                .mapTo(Long.class).one());
    }

    @Test
    void the_form_of_a_case_file_posts_multipart_and_offers_a_file_input_for_several_files() {
        String html = worker.get(records() + "/new").body();

        var form = Jsoup.parse(html).selectFirst("form[data-dossier-form]");
        assertThat(form.attr("enctype")).isEqualTo("multipart/form-data");
        var input = form.selectFirst("input[type=file][name=\"" + INPUT + "\"]");
        assertThat(input).isNotNull();
        assertThat(input.hasAttr("multiple")).isTrue();
        assertThat(form.selectFirst("label[for=" + input.id() + "]").text()).isEqualTo("Joindre des fichiers");
        assertThat(input.closest("fieldset").selectFirst("legend").text()).startsWith("Pièces justificatives");
    }

    @Test
    void a_case_file_posted_with_two_files_keeps_them_and_its_page_lists_them_by_their_names_escaped() {
        String id = created("Deuxpieceszyx", new Part(INPUT, "Bail <b>2025 & co.pdf", "application/pdf", PDF),
                new Part(INPUT, "photo.png", "application/octet-stream", LogoTest.image("png", 30, 20)));

        List<Attachment> files = stored(id);
        assertThat(files).extracting(Attachment::fileName).containsExactly("Bail <b>2025 & co.pdf", "photo.png");
        assertThat(files).extracting(Attachment::contentType).containsExactly(ContentTypes.PDF, ContentTypes.PNG);
        JsonNode data = services.records().get(tenant.id(), org.dossier.record.RecordId.parse(id).orElseThrow()).data();
        assertThat(data.at("/accompagnement/pieces_justificatives")).extracting(JsonNode::asText)
                .containsExactly(files.get(0).id(), files.get(1).id());
        String page = worker.get(records() + "/" + id).body();
        assertThat(page).contains("Bail &lt;b&gt;2025 &amp; co.pdf").doesNotContain("<b>2025")
                .contains("href=\"/t/" + tenant.slug() + "/records/" + id + "/attachments/" + files.get(0).id() + "\"")
                .contains("Pièces jointes").contains("<td>Document PDF</td>").contains("<td>Image PNG</td>");
        String edit = worker.get(records() + "/" + id + "/edit").body();
        assertThat(Jsoup.parse(edit).select("input[type=hidden][name=" + FIELD + "]")).extracting(e -> e.attr("value"))
                .containsExactly(files.get(0).id(), files.get(1).id());
        assertThat(Jsoup.parse(edit).select("input[type=checkbox][name=_remove_file]")).hasSize(2);
    }

    @Test
    void a_download_is_checked_sent_as_detected_never_sniffed_as_an_attachment_and_audited() {
        String id = created("Telechargezyx", new Part(INPUT, "Quittance mars;été.pdf", "text/html", PDF));
        Attachment file = stored(id).get(0);

        HttpResponse<byte[]> download = worker.getBytes(records() + "/" + id + "/attachments/" + file.id());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"Quittance mars__t_.pdf\"")
                .endsWith("filename*=UTF-8''Quittance%20mars%3B%C3%A9t%C3%A9.pdf");
        assertThat(TestAudit.events(services, tenant.id().value(), "record.attachment.read", caseworker.email()))
                .anySatisfy(event -> assertThat(event.details()).contains(file.id()));
        // Another case file's id with this file, an unknown file, another service: 404.
        String other = created("Autrezyx");
        assertThat(worker.getBytes(records() + "/" + other + "/attachments/" + file.id()).statusCode()).isEqualTo(404);
        assertThat(worker.getBytes(records() + "/" + id + "/attachments/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").statusCode())
                .isEqualTo(404);
        Tenant elsewhere = TestTenants.withBaseForm(services, "pj-autre");
        assertThat(worker.getBytes("/t/" + elsewhere.slug() + "/records/" + id + "/attachments/" + file.id())
                .statusCode()).isIn(403, 404);
    }

    @Test
    void html_under_a_pdf_name_is_refused_on_its_field_and_nothing_is_stored() throws Exception {
        long before = attachmentRows();
        long caseFiles = TestRecords.storedCount(services, tenant);
        List<Map.Entry<String, String>> fields = TestRecords.validPost("Faussezyx");

        HttpResponse<String> refused = postMultipart(worker, records(), fields, List.of(
                new Part(INPUT, "releve.pdf", "application/pdf", PDF),
                new Part(INPUT, "facture.pdf", "application/pdf",
                        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))));

        assertThat(refused.statusCode()).isEqualTo(422);
        var field = Jsoup.parse(refused.body()).selectFirst("#f-accompagnement-pieces_justificatives-fieldset");
        assertThat(field.selectFirst(".error-message").text()).contains("« facture.pdf » n'est pas d'un type accepté");
        assertThat(Jsoup.parse(refused.body()).select(".error-summary a")).extracting(a -> a.text())
                .anySatisfy(text -> assertThat(text).contains("facture.pdf"));
        assertThat(TestRecords.storedCount(services, tenant)).isEqualTo(caseFiles);
        assertThat(attachmentRows()).isEqualTo(before); // the accepted one went too: nothing of a refused save stays
    }

    @Test
    void a_file_over_the_size_limit_is_refused_on_its_field() {
        long before = attachmentRows();
        byte[] big = new byte[(int) services.attachments().settings().maxFileBytes() + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        List<Map.Entry<String, String>> fields = new ArrayList<>(TestRecords.validPost("Grossezyx"));

        HttpResponse<String> refused = postMultipart(worker, records(), fields,
                List.of(new Part(INPUT, "scan.pdf", "application/pdf", big)));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("« scan.pdf » dépasse 10 Mo, la taille permise pour un fichier.");
        assertThat(attachmentRows()).isEqualTo(before);
    }

    @Test
    void a_ticked_remove_box_deletes_the_file_with_the_save_and_its_object() {
        String id = created("Retraitzyx", new Part(INPUT, "garde.pdf", "application/pdf", PDF),
                new Part(INPUT, "retire.pdf", "application/pdf", pdf("retire")));
        List<Attachment> files = stored(id);
        List<Map.Entry<String, String>> shown = new ArrayList<>(TestForms.asShown(
                worker.get(records() + "/" + id + "/edit").body()));
        shown.add(Map.entry("_remove_file", files.get(1).id()));

        HttpResponse<String> saved = postMultipart(worker, records() + "/" + id, shown, List.of());

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(stored(id)).extracting(Attachment::fileName).containsExactly("garde.pdf");
        assertThat(Files.exists(AttachmentServiceTest.objectFile(files.get(1).key()))).isFalse();
        assertThat(Files.exists(AttachmentServiceTest.objectFile(files.get(0).key()))).isTrue();
    }

    @Test
    void a_sections_page_takes_files_too_and_keeps_those_already_attached() {
        String id = created("Sectionzyx", new Part(INPUT, "premier.pdf", "application/pdf", PDF));
        String page = records() + "/" + id + "/sections/accompagnement";
        String html = worker.get(page).body();
        assertThat(Jsoup.parse(html).selectFirst("form[data-dossier-form]").attr("enctype"))
                .isEqualTo("multipart/form-data");

        HttpResponse<String> saved = postMultipart(worker, page, TestForms.asShown(html),
                List.of(new Part(INPUT, "second.png", "image/png", LogoTest.image("png", 10, 10))));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(stored(id)).extracting(Attachment::fileName).containsExactly("premier.pdf", "second.png");
    }

    @Test
    void a_confidential_fields_files_are_neither_listed_nor_downloadable_without_the_grant() {
        User withGrant = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        User without = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        Actor actor = new Actor(withGrant.email(), "127.0.0.1");
        AttachmentService.Staging staging = services.attachments().stage(tenant.id(), List.of(new AttachmentService.Upload(
                "/notes_confidentielles/pieces_confidentielles", "Signalement secret.pdf", PDF)), actor, Locale.FRENCH);
        ObjectNode data = TestRecords.validData("Secretzyx");
        data.putObject("notes_confidentielles").putArray("pieces_confidentielles").add(staging.staged().get(0).id());
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, actor, Locale.FRENCH);
        String url = records() + "/" + record.id() + "/attachments/" + staging.staged().get(0).id();
        TestClient blind = TestClient.browser(without);

        assertThat(blind.get(records() + "/" + record.id()).body()).doesNotContain("Signalement secret");
        assertThat(blind.get(records() + "/" + record.id() + "/edit").body()).doesNotContain("Signalement secret")
                .doesNotContain(staging.staged().get(0).id());
        assertThat(blind.getBytes(url).statusCode()).isEqualTo(404);
        assertThat(TestClient.api(services, without).get("/api/v1/tenants/" + tenant.slug() + "/records/" + record.id()
                + "/attachments").body()).doesNotContain("Signalement");
        assertThat(TestClient.browser(withGrant).get(records() + "/" + record.id()).body()).contains("Signalement secret.pdf");
        assertThat(TestClient.browser(withGrant).getBytes(url).statusCode()).isEqualTo(200);
        // A save by the member without the grant keeps the file they cannot see.
        List<Map.Entry<String, String>> shown = TestForms.asShown(blind.get(records() + "/" + record.id() + "/edit").body());
        assertThat(blind.postForm(records() + "/" + record.id(), shown).statusCode()).isEqualTo(303);
        assertThat(services.attachments().all(tenant.id(), record.id())).hasSize(1);
    }

    @Test
    void the_api_takes_a_file_as_its_body_and_gives_it_back() throws Exception {
        String token = TestUsers.token(services, caseworker);
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData("Apizyx"),
                new Actor(caseworker.email(), "127.0.0.1"), Locale.FRENCH);
        String base = "/api/v1/tenants/" + tenant.slug() + "/records/" + record.id() + "/attachments";
        byte[] png = LogoTest.image("png", 12, 12);

        HttpResponse<String> uploaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestServer.baseUrl() + base + "?field=/accompagnement/pieces_justificatives"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .header("X-File-Name", "Pi%C3%A8ce%20d%27identit%C3%A9.png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode answer = TestClient.json(uploaded);
        assertThat(answer.get("name").asText()).isEqualTo("Pièce d'identité.png");
        assertThat(answer.get("contentType").asText()).isEqualTo(ContentTypes.PNG);
        assertThat(answer.get("size").asLong()).isEqualTo(png.length);
        assertThat(answer.get("version").asInt()).isEqualTo(2);
        HttpResponse<byte[]> back = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestServer.baseUrl() + answer.get("url").asText()))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).isEqualTo(png);
        JsonNode listed = TestClient.json(TestClient.bearer(token).get(base));
        assertThat(listed.at("/attachments/0/sha256").asText()).isEqualTo(answer.get("sha256").asText());

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestServer.baseUrl() + base + "?field=/accompagnement/pieces_justificatives"))
                .header("Authorization", "Bearer " + token).header("X-File-Name", "note.pdf")
                .POST(HttpRequest.BodyPublishers.ofString("just text")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("attachmentType").contains("/accompagnement/pieces_justificatives");
        assertThat(services.attachments().all(tenant.id(), record.id())).hasSize(1);
    }

    @Test
    void an_archived_case_files_files_download_audited_as_an_archive_read_and_take_no_upload() throws Exception {
        String id = created("Archivezyx", new Part(INPUT, "ancien.pdf", "application/pdf", PDF));
        Attachment file = stored(id).get(0);
        Instant threeYearsAgo = LocalDateTime.now(Retention.ZONE).minusYears(3).atZone(Retention.ZONE).toInstant();
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", threeYearsAgo).bind("t", tenant.id()).bind("id",
                        org.dossier.record.RecordId.parse(id).orElseThrow()).execute());

        assertThat(worker.getBytes(records() + "/" + id + "/attachments/" + file.id()).statusCode()).isEqualTo(200);
        assertThat(TestAudit.events(services, tenant.id().value(), "record.archive.read", caseworker.email()))
                .anySatisfy(event -> assertThat(event.targetId()).isEqualTo(id));
        String token = TestUsers.token(services, caseworker);
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        TestServer.baseUrl() + "/api/v1/tenants/" + tenant.slug() + "/records/" + id
                                + "/attachments?field=/accompagnement/pieces_justificatives"))
                .header("Authorization", "Bearer " + token).header("X-File-Name", "nouveau.pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PDF)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(stored(id)).hasSize(1);
        assertThat(attachmentRowsStaged()).isZero();
    }

    private static long attachmentRowsStaged() {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM attachments WHERE tenant_id = :t AND record_id IS NULL").bind("t", tenant.id().value())
                .mapTo(Long.class).one());
    }

    @Test
    void the_persons_access_export_lists_the_files_with_names_sizes_and_hashes() {
        User dpo = TestUsers.member(services, tenant, Role.DPO, true);
        String id = created("Accesszyx", new Part(INPUT, "justificatif.pdf", "application/pdf", PDF));
        Attachment file = stored(id).get(0);

        JsonNode export = TestClient.json(TestClient.browser(dpo).get(records() + "/" + id + "/access.json"));
        String page = TestClient.browser(dpo).get(records() + "/" + id + "/access").body();

        assertThat(export.get("attachments")).singleElement().satisfies(entry -> {
            assertThat(entry.get("name").asText()).isEqualTo("justificatif.pdf");
            assertThat(entry.get("size").asLong()).isEqualTo(PDF.length);
            assertThat(entry.get("sha256").asText()).isEqualTo(file.sha256());
            assertThat(entry.get("contentType").asText()).isEqualTo(ContentTypes.PDF);
        });
        assertThat(page).contains("justificatif.pdf").contains(file.sha256());
        // Erasing it says how many files go with it; then they are gone, rows and objects.
        TestClient officer = TestClient.browser(dpo);
        var erase = Jsoup.parse(officer.get(records() + "/" + id + "/erase").body());
        assertThat(erase.select(".summary-list__row").eachText())
                .contains("Pièces jointes 1 pièce jointe, effacée avec le dossier");
        List<Map.Entry<String, String>> confirm = TestForms.with(TestForms.asShown(erase.outerHtml(),
                "form[action$=/erase]"), "reason", "Demande de la personne");
        assertThat(officer.postForm(records() + "/" + id + "/erase", confirm).statusCode()).isEqualTo(303);
        assertThat(attachmentRowsOf(file.id())).isZero();
        assertThat(Files.exists(AttachmentServiceTest.objectFile(file.key()))).isFalse();
    }

    private static long attachmentRowsOf(String attachmentId) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM attachments WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.id().value()).bind("id", attachmentId).mapTo(Long.class).one());
    }
}
