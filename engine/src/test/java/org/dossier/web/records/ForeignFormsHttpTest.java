package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.form.FormService;
import org.dossier.form.LocalDateTimes;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forms written as authors publish them, plain draft-07 with {@code title} and {@code description}
 * ({@code src/test/resources/forms/foreign}), each published as a service's case-file form: it passes
 * the definition check, its new case-file page labels every field, a filled sample posted through the
 * page as a caseworker is stored exactly, the edit page posted back unchanged stores it unchanged, and
 * chosen invalid posts put their error on the field concerned (in rows of rows, from dependencies,
 * from if/then/else, uniqueItems).
 */
@Tag("integration")
class ForeignFormsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIR = "/forms/foreign/";
    static final List<String> FORMS = List.of("housing-application", "child-protection-referral", "food-aid",
            "debt-advice", "school-enrolment", "disability-allowance", "volunteer-signup", "domestic-violence-intake",
            "medical-consent", "job-seeker", "event-registration", "income-survey");
    private static Services services;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
    }

    static JsonNode read(String resource) {
        try (InputStream in = ForeignFormsHttpTest.class.getResourceAsStream(DIR + resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> forms() {
        return FORMS;
    }

    static List<Arguments> invalidPosts() {
        List<Arguments> cases = new ArrayList<>();
        for (String form : FORMS) {
            JsonNode invalid = read(form + ".cases.json").path("invalid");
            IntStream.range(0, invalid.size()).forEach(index -> cases.add(Arguments.of(form, index,
                    invalid.get(index).path("set").toString())));
        }
        return cases;
    }

    /** A service whose case-file form is this definition, and a caseworker of it signed in. */
    private record Service(Tenant tenant, TestClient browser, JsonNode effectiveSchema) {
        String url(String path) {
            return "/t/" + tenant.slug() + path;
        }
    }

    private static Service service(String form) {
        Tenant tenant = TestTenants.withForm(services, "foreign", read(form + ".schema.json"));
        var caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        return new Service(tenant, TestClient.browser(caseworker),
                services.forms().latest(tenant.id(), FormService.CASE_FILE).effectiveSchema());
    }

    @Test
    void the_set_covers_a_dozen_forms() {
        assertThat(FORMS).hasSize(12).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void the_form_passes_the_definition_check(String form) {
        var compiled = services.forms().preview(FormService.CASE_FILE, read(form + ".schema.json"));
        assertThat(compiled.effectiveSchema().path("x-label").path("fr").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void every_field_of_the_new_case_file_page_has_its_label(String form) {
        Service service = service(form);
        String html = service.browser().get(service.url("/records/new")).body();
        Document page = Jsoup.parse(html);
        Element body = page.selectFirst("form[data-dossier-form]");
        assertThat(body).as(html).isNotNull();
        assertThat(page.select(".page-caption").text()).isEqualTo(read(form + ".schema.json").path("title").asText());
        for (Element label : body.select("label")) {
            assertThat(label.text()).as("label of " + label.attr("for")).isNotBlank();
        }
        for (Element legend : body.select("legend")) {
            assertThat(legend.text().replaceAll("__number__", "").trim()).as("legend in " + legend.parent().id()).isNotBlank();
        }
        for (Element control : body.select("input[id], select[id], textarea[id]")) {
            String type = control.attr("type");
            if (type.equals("hidden") || type.equals("submit")) {
                continue;
            }
            assertThat(body.select("label[for=" + control.id() + "]")).as("a label for #" + control.id()).isNotEmpty();
        }
        assertThat(body.select("input[name=_value], textarea[name=_value]")).isEmpty();
        assertThat(html).doesNotContain("{&quot;").doesNotContain("[&quot;");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void a_filled_sample_is_stored_exactly_and_an_edit_posted_back_changes_nothing(String form) throws Exception {
        Service service = service(form);
        JsonNode sample = read(form + ".cases.json").path("sample");
        String created = create(service, posted(service, sample));

        assertThat(stored(service, created)).isEqualTo(sample);

        String edit = service.browser().get(service.url("/records/" + created + "/edit")).body();
        HttpResponse<String> saved = service.browser().postForm(service.url("/records/" + created),
                TestForms.asShown(edit));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(stored(service, created)).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0} #{1}: {2}")
    @MethodSource("invalidPosts")
    void a_chosen_post_gets_its_error_on_the_field_concerned(String form, int index, String change) throws Exception {
        Service service = service(form);
        JsonNode cases = read(form + ".cases.json");
        JsonNode invalid = cases.path("invalid").get(index);
        List<Map.Entry<String, String>> fields = posted(service, cases.path("sample"));
        var changes = invalid.path("set").properties();
        for (Map.Entry<String, JsonNode> set : changes) {
            fields.removeIf(field -> field.getKey().equals(set.getKey()));
            if (set.getValue().isArray()) {
                set.getValue().forEach(value -> fields.add(Map.entry(set.getKey(), value.asText())));
            } else {
                fields.add(Map.entry(set.getKey(), set.getValue().asText()));
            }
        }
        if (!invalid.has("error")) {
            // A readOnly field: the post is saved, its posted value ignored.
            assertThat(stored(service, create(service, fields))).isEqualTo(cases.path("sample"));
            return;
        }
        HttpResponse<String> refused = service.browser().postForm(service.url("/records"), fields);
        assertThat(refused.statusCode()).as(fields + " stored " + (refused.statusCode() == 303
                ? stored(service, refused.headers().firstValue("Location").orElseThrow().replaceAll(".*/records/([^/?]+).*", "$1")) : "")).isEqualTo(422);
        String id = "f" + invalid.path("error").asText().replace('/', '-');
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select(".error-summary a").eachAttr("href")).as(page.select(".error-summary").text())
                .contains("#" + id);
        assertThat(page.getElementById(id)).as("the element #" + id).isNotNull();
        Element inline = page.getElementById(id + "-error");
        assertThat(inline).as("the inline message #" + id + "-error").isNotNull();
        assertThat(inline.text()).isNotBlank();
        assertThat(page.select(".error-summary").text()).doesNotContain("{", "\"");
    }

    @Test
    void a_default_prefills_a_new_case_file_only() throws Exception {
        Service service = service("food-aid");
        Document fresh = Jsoup.parse(service.browser().get(service.url("/records/new")).body());
        assertThat(fresh.select("input[name=household.adults]").attr("value")).isEqualTo("1");
        assertThat(fresh.select("input[name=pickupPoint][checked]").attr("value")).isEqualTo("centre");

        var record = services.records().create(service.tenant().id(), FormService.CASE_FILE,
                JSON.readTree("{\"household\": {\"adults\": 2}, \"aidType\": \"bons\"}"),
                org.dossier.audit.Actor.system("test"), java.util.Locale.FRENCH);
        Document edit = Jsoup.parse(service.browser().get(service.url("/records/" + record.id() + "/edit")).body());
        assertThat(edit.select("input[name=household.adults]").attr("value")).isEqualTo("2");
        assertThat(edit.select("input[name=pickupPoint][checked]")).as("no default on an existing case file").isEmpty();
        assertThat(edit.select("input[name=household.children]").attr("value")).isEmpty();
    }

    @Test
    void a_read_only_field_is_shown_without_a_name_and_an_api_write_to_it_is_ignored() throws Exception {
        Service service = service("event-registration");
        Document fresh = Jsoup.parse(service.browser().get(service.url("/records/new")).body());
        Element shown = fresh.getElementById("f-registrationChannel");
        assertThat(shown.attr("value")).isEqualTo("guichet");
        assertThat(shown.hasAttr("readonly")).isTrue();
        assertThat(shown.hasAttr("name")).isFalse();

        JsonNode sample = read("event-registration.cases.json").path("sample");
        String id = create(service, posted(service, sample));
        var member = TestUsers.member(services, service.tenant(), Role.CASEWORKER, false);
        TestClient script = TestClient.api(services, member);
        String url = "/api/v1/tenants/" + service.tenant().slug() + "/records/" + id;
        JsonNode read = TestClient.json(script.get(url));
        var data = (com.fasterxml.jackson.databind.node.ObjectNode) read.get("data");
        data.put("registrationChannel", "web").put("guests", 1);
        var body = JSON.createObjectNode().put("version", read.get("version").intValue());
        body.set("data", data);
        HttpResponse<String> saved = script.putJson(url, body.toString());

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(stored(service, id).path("registrationChannel").asText()).isEqualTo("guichet");
        assertThat(stored(service, id).path("guests").asInt()).isEqualTo(1);
    }

    @Test
    void a_list_of_values_adds_and_removes_entries_without_javascript() {
        Service service = service("school-enrolment");
        JsonNode sample = read("school-enrolment.cases.json").path("sample");
        List<Map.Entry<String, String>> fields = posted(service, sample);
        fields.add(Map.entry("_action", "add:/languages"));
        HttpResponse<String> added = service.browser().postForm(service.url("/records"), fields);
        assertThat(added.statusCode()).isEqualTo(200);
        List<Map.Entry<String, String>> shown = TestForms.asShown(added.body());
        assertThat(shown).contains(Map.entry("languages[0]", "français"), Map.entry("languages[1]", "arabe"),
                Map.entry("languages[2]", ""));

        List<Map.Entry<String, String>> removing = new ArrayList<>(TestForms.with(shown, "languages[2]", "tigrinya"));
        removing.add(Map.entry("_action", "remove:/languages/0"));
        HttpResponse<String> removed = service.browser().postForm(service.url("/records"), removing);
        List<Map.Entry<String, String>> left = TestForms.asShown(removed.body());
        assertThat(left).contains(Map.entry("languages[0]", "arabe"), Map.entry("languages[1]", "tigrinya"))
                .noneMatch(field -> field.getKey().equals("languages[2]"));

        String id = create(service, left);
        assertThat(stored(service, id).path("languages").toString()).isEqualTo("[\"arabe\",\"tigrinya\"]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void the_service_pages_around_the_case_file_work_with_the_form(String form) throws Exception {
        Service service = service(form);
        String id = create(service, posted(service, read(form + ".cases.json").path("sample")));
        service.browser().postForm(service.url("/records/" + id), TestForms.asShown(
                service.browser().get(service.url("/records/" + id + "/edit")).body()));
        TestClient admin = TestClient.browser(TestUsers.member(services, service.tenant(), Role.ADMIN, true));
        for (String path : List.of("/records", "/records/" + id, "/records/" + id + "/history", "/records/" + id + "/access",
                "/records/" + id + "/access.json", "/dashboard", "/admin/register", "/admin/register.json", "/admin/form",
                "/admin/form/preview", "/admin/form/history")) {
            HttpResponse<String> page = admin.get(service.url(path));
            assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
        }
    }

    private static String create(Service service, List<Map.Entry<String, String>> fields) {
        HttpResponse<String> created = service.browser().postForm(service.url("/records"), fields);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.replaceAll(".*/records/([^/?]+).*", "$1");
    }

    private static JsonNode stored(Service service, String id) {
        return services.records().get(service.tenant().id(), org.dossier.record.RecordId.parse(id).orElseThrow()).data();
    }

    /** The new case-file page as shown, with the sample's values typed in as a person would. */
    private static List<Map.Entry<String, String>> posted(Service service, JsonNode sample) {
        List<Map.Entry<String, String>> typed = new ArrayList<>();
        flatten(service.effectiveSchema(), sample, "", "", typed);
        Set<String> names = new HashSet<>();
        typed.forEach(field -> names.add(field.getKey()));
        String html = service.browser().get(service.url("/records/new")).body();
        List<Map.Entry<String, String>> fields = new ArrayList<>(TestForms.asShown(html));
        fields.removeIf(field -> names.contains(field.getKey()));
        fields.addAll(typed);
        return fields;
    }

    /** The names and values a browser sends for {@code value}, as the renderer names its inputs. */
    private static void flatten(JsonNode schema, JsonNode value, String name, String pointer,
                                List<Map.Entry<String, String>> fields) {
        if (value.isObject()) {
            value.properties().forEach(entry -> flatten(schema.path("properties").path(entry.getKey()), entry.getValue(),
                    name.isEmpty() ? entry.getKey() : name + "." + entry.getKey(), pointer + "/" + entry.getKey(), fields));
        } else if (value.isArray()) {
            JsonNode items = schema.path("items");
            if (value.isEmpty()) {
                fields.add(Map.entry("_empty", pointer));
            } else if (items.has("enum")) {
                value.forEach(item -> fields.add(Map.entry(name, item.asText())));
            } else {
                for (int index = 0; index < value.size(); index++) {
                    flatten(items, value.get(index), name + "[" + index + "]", pointer + "/" + index, fields);
                }
            }
        } else if (!schema.path("readOnly").asBoolean(false)) {
            String text = value.asText();
            fields.add(Map.entry(name, "date-time".equals(schema.path("format").asText())
                    ? LocalDateTimes.toLocalInput(text) : text));
        }
    }
}
