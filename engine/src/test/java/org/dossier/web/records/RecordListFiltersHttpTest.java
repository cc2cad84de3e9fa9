package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.referent.Referents;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestForms;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The case-file list's filters and orders over HTTP, in the URL: each filter's results, each order,
 * paging that keeps them, and "Retour à la liste" that returns to the same list (and only to it).
 */
@Tag("integration")
class RecordListFiltersHttpTest {
    private static final Pattern ROW_NAME = Pattern.compile("<td><a href=\"[^\"]*\">([^<]*)</a></td>");

    private static Services services;
    private static Tenant tenant;
    private static String base;
    /** A second service of the same member, for the tests that add case files, so the first keeps its five. */
    private static Tenant busy;
    private static String busyBase;
    private static User caseworker;
    private static TestClient browser;

    @BeforeAll
    static void setUp() {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "listf");
        caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        browser = TestClient.browser(caseworker);
        base = "/t/" + tenant.slug() + "/records";
        busy = TestTenants.withBaseForm(services, "listf-busy");
        TestUsers.join(services, caseworker, busy, Role.CASEWORKER, true);
        busyBase = "/t/" + busy.slug() + "/records";
        // Name, status, antenne, référent, opening date; saved in this order (last update: Ernaux newest).
        create("Aubert", "en_cours", "nord", Referents.memberValue(caseworker.id()), "2024-05-01");
        create("Barre", "clos", "nord", "Jeanne Libre", "2023-01-10");
        create("Chevalier", "en_cours", "sud", "Jeanne Libre", "2025-02-20");
        create("Dumas", "en_cours", "nord", caseworker.displayName(), "2022-07-07");
        CaseRecord ernaux = create("Ernaux", "en_veille", "sud", "", "2021-03-03");
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET to_complete = TRUE WHERE tenant_id = :t AND id = :id")
                .bind("t", tenant.id()).bind("id", ernaux.id()).execute());
    }

    private static CaseRecord create(String lastName, String status, String antenne, String referent, String opened) {
        return create(tenant, lastName, status, antenne, referent, opened);
    }

    private static CaseRecord create(Tenant target, String lastName, String status, String antenne, String referent,
                                     String opened) {
        ObjectNode data = TestRecords.validData(lastName);
        ObjectNode support = (ObjectNode) data.get("accompagnement");
        support.put("statut", status).put("antenne", antenne).put("date_ouverture", opened);
        if ("clos".equals(status)) {
            support.put("date_cloture", "2025-12-01");
        }
        if (!referent.isEmpty()) {
            support.put("referent", referent);
        }
        try {
            return services.records().create(target.id(), FormService.CASE_FILE, data, Actor.system("test"), Locale.FRENCH);
        } catch (org.dossier.record.RecordValidationException e) {
            throw new AssertionError(lastName + ": " + e.errors(), e);
        }
    }

    private static List<String> names(String query) {
        return names(base, query);
    }

    private static List<String> names(String list, String query) {
        HttpResponse<String> page = browser.get(list + query);
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        Matcher matcher = ROW_NAME.matcher(page.body());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Test
    void status_filter_lists_only_that_status() {
        assertThat(names("?status=en_cours&sort=name")).containsExactly("Aubert", "Chevalier", "Dumas");
    }

    @Test
    void antenne_filter_lists_only_that_antenne() {
        assertThat(names("?antenne=sud&sort=name")).containsExactly("Chevalier", "Ernaux");
    }

    @Test
    void status_and_antenne_filters_combine() {
        assertThat(names("?status=en_cours&antenne=nord&sort=name")).containsExactly("Aubert", "Dumas");
    }

    @Test
    void referent_filter_matches_the_stored_value_free_text_or_member() {
        assertThat(names("?referent=Jeanne+Libre&sort=name")).containsExactly("Barre", "Chevalier");
        assertThat(names("?referent=" + Referents.memberValue(caseworker.id()))).containsExactly("Aubert");
    }

    @Test
    void the_referent_choices_are_the_stored_values_once_each_in_order_up_to_the_limit() {
        List<String> stored = List.of(Referents.memberValue(caseworker.id()), "Jeanne Libre",
                caseworker.displayName());
        List<String> all = services.jdbi().withHandle(handle -> new org.dossier.record.RecordDao(handle)
                .referents(tenant.id(), FormService.CASE_FILE, 10));
        List<String> first = services.jdbi().withHandle(handle -> new org.dossier.record.RecordDao(handle)
                .referents(tenant.id(), FormService.CASE_FILE, 1));

        // "Jeanne Libre" is held twice, Ernaux's référent is empty: neither repeated nor offered.
        assertThat(all).containsExactlyInAnyOrderElementsOf(stored).hasSize(3);
        assertThat(first).containsExactly(all.get(0));
    }

    @Test
    void mine_lists_the_case_files_whose_referent_is_the_signed_in_member_by_id_or_by_name() {
        assertThat(names("?mine=1&sort=name")).containsExactly("Aubert", "Dumas");
    }

    @Test
    void to_complete_lists_the_flagged_case_files() {
        assertThat(names("?todo=1")).containsExactly("Ernaux");
    }

    @Test
    void each_order_in_both_directions() {
        assertThat(names("?sort=name")).containsExactly("Aubert", "Barre", "Chevalier", "Dumas", "Ernaux");
        assertThat(names("?sort=name-desc")).containsExactly("Ernaux", "Dumas", "Chevalier", "Barre", "Aubert");
        assertThat(names("")).containsExactly("Ernaux", "Dumas", "Chevalier", "Barre", "Aubert");
        assertThat(names("?sort=updated-asc")).containsExactly("Aubert", "Barre", "Chevalier", "Dumas", "Ernaux");
        assertThat(names("?sort=opened")).containsExactly("Chevalier", "Aubert", "Barre", "Dumas", "Ernaux");
        assertThat(names("?sort=opened-asc")).containsExactly("Ernaux", "Dumas", "Barre", "Aubert", "Chevalier");
    }

    @Test
    void an_unknown_order_falls_back_to_last_update() {
        assertThat(names("?sort=drop+table")).containsExactly("Ernaux", "Dumas", "Chevalier", "Barre", "Aubert");
    }

    @Test
    void the_form_shows_the_filters_in_force_and_each_can_be_removed_keeping_the_others() {
        String page = browser.get(base + "?status=en_cours&antenne=nord&sort=name").body();

        assertThat(page).contains("<option value=\"en_cours\" selected>En cours",
                "<option value=\"nord\" selected>Antenne Nord", "<option value=\"name\" selected>",
                "Statut : En cours", "Antenne : Antenne Nord");
        assertThat(page).contains("href=\"" + base + "?antenne=nord&amp;sort=name\">Statut : En cours");
        assertThat(page).contains("href=\"" + base + "?status=en_cours&amp;sort=name\">Antenne : Antenne Nord");
        assertThat(page).contains("<details class=\"list-filters__more\" open>");
        assertThat(browser.get(base).body()).contains("<details class=\"list-filters__more\">")
                .doesNotContain("Filtres appliqués");
    }

    @Test
    void paging_keeps_filters_and_order() {
        for (int i = 0; i < 21; i++) {
            create(busy, "Zola" + (char) ('a' + i), "premier_accueil", "est", "", "2020-01-01");
        }
        String first = browser.get(busyBase + "?status=premier_accueil&antenne=est&sort=name-desc").body();
        assertThat(first).contains("href=\"" + busyBase
                + "?status=premier_accueil&amp;antenne=est&amp;sort=name-desc&amp;page=2\" rel=\"next\"");
        assertThat(names(busyBase, "?status=premier_accueil&antenne=est&sort=name-desc&page=2")).containsExactly("Zolaa");
        String second = browser.get(busyBase + "?status=premier_accueil&antenne=est&sort=name-desc&page=2").body();
        assertThat(second).contains("href=\"" + busyBase + "?status=premier_accueil&amp;antenne=est&amp;sort=name-desc\" rel=\"prev\"");
    }

    @Test
    void a_case_file_opened_from_the_list_links_back_to_the_same_list() {
        String list = browser.get(base + "?status=en_cours&sort=name&page=1").body();
        Matcher link = Pattern.compile("href=\"(" + Pattern.quote(base) + "/[0-9a-f-]{36}\\?back=[^\"]+)\">Aubert<")
                .matcher(list);
        assertThat(link.find()).isTrue();
        String recordUrl = link.group(1).replace("&amp;", "&");
        assertThat(recordUrl).endsWith("?back=status%3Den_cours%26sort%3Dname");

        String view = browser.get(recordUrl).body();

        assertThat(view).contains("<a href=\"" + base + "?status=en_cours&amp;sort=name\">Retour à la liste</a>");
        assertThat(view).contains("/edit?back=status%3Den_cours%26sort%3Dname\"");
    }

    @Test
    void saving_from_a_case_file_opened_from_the_list_keeps_the_way_back() {
        CaseRecord record = create(busy, "Fabre", "en_cours", "nord", "", "2024-01-01");
        String back = "?back=status%3Den_cours%26page%3D2";
        String edit = browser.get(busyBase + "/" + record.id() + "/edit" + back).body();
        assertThat(edit).contains("action=\"" + busyBase + "/" + record.id() + back + "\"");

        HttpResponse<String> saved = browser.postForm(busyBase + "/" + record.id() + back, TestForms.asShown(edit));

        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue(busyBase + "/" + record.id() + "?saved=1&back=status%3Den_cours%26page%3D2");
    }

    @Test
    void a_hostile_back_never_leaves_the_list_path() {
        CaseRecord record = create(busy, "Gide", "en_cours", "nord", "", "2024-01-01");
        for (String hostile : List.of("https://evil.example/", "//evil.example/x", "javascript:alert(1)",
                "%2F%2Fevil.example", "x=1%26next=https://evil.example")) {
            String view = browser.get(busyBase + "/" + record.id() + "?back=" + hostile).body();
            Matcher back = Pattern.compile("<a href=\"([^\"]*)\">Retour à la liste</a>").matcher(view);
            assertThat(back.find()).as(hostile).isTrue();
            assertThat(back.group(1)).as(hostile).startsWith(busyBase).doesNotContain("evil", "script", "javascript", "//");
        }
        String view = browser.get(busyBase + "/" + record.id() + "?back=status%3Den_cours%22%3E%3Cscript%3E").body();
        assertThat(view).doesNotContain("<script>").contains("<a href=\"" + busyBase
                + "?status=en_cours%22%3E%3Cscript%3E\">Retour à la liste</a>");
    }

    @Test
    void on_a_narrow_screen_each_card_value_says_what_it_is() {
        String page = browser.get(base + "?sort=name").body();

        assertThat(page).contains("data-phrase=\"Mis à jour le\"", "data-phrase=\"Ouvert le\"",
                "data-phrase=\"Né(e) le\"", "data-label=\"Statut\"", "data-label=\"Référent\"");
        assertThat(browser.get(base + "?sort=name&lang=en").body()).contains("data-phrase=\"Updated on\"",
                "data-phrase=\"Opened on\"");
        String users = TestClient.browser(TestUsers.member(services, tenant, Role.ADMIN, false))
                .get("/t/" + tenant.slug() + "/admin/users").body();
        assertThat(users).contains("data-label=\"" + org.dossier.web.UiText.get(Locale.FRENCH, "users.col.email") + "\"",
                "data-label=\"" + org.dossier.web.UiText.get(Locale.FRENCH, "users.col.role") + "\"");
    }
}
