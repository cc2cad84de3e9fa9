package org.dossier.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.dossier.Services;
import org.dossier.account.Secrets;
import org.dossier.testing.TestLogin;
import org.openqa.selenium.JavascriptExecutor;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.record.CaseRecord;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestServer;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * axe-core (WCAG 2.2 A and AA) on the caseworker's pages, in French and in English: each must
 * show no violation. To check another page, add one line to {@link #PAGES}: its name, whether
 * it is seen signed in, and its path (from the test service and case file).
 */
@Tag("browser")
class AccessibilityBrowserTest {
    /** What a page's path is built from. */
    record Fixture(Tenant tenant, CaseRecord record, CaseRecord archived) {
        String records() {
            return "/t/" + tenant.slug() + "/records";
        }

        /** The case file's own path. */
        String caseFile() {
            return records() + "/" + record.id();
        }

        /** The path of a case file last active three years ago: archived. */
        String archivedFile() {
            return records() + "/" + archived.id();
        }

        /** The designer's path. */
        String admin() {
            return "/t/" + tenant.slug() + "/admin/form";
        }
    }

    /** Who sees a page: nobody signed in, a caseworker holding the confidential grant, the service's admin, a super-admin. */
    enum Who { NOBODY, CASEWORKER, ADMIN, SUPER_ADMIN }

    /** What leads from a page's path to the state checked: a post with errors, a stale save, an expired session. */
    @FunctionalInterface
    interface Step {
        Step NONE = browser -> { };

        void run(WebDriver browser);
    }

    /** A page to check: who sees it, its path, and the step from there to the state checked. */
    record Page(String name, Who who, Function<Fixture, String> path, Step then) {
        Page(String name, boolean signedIn, Function<Fixture, String> path) {
            this(name, signedIn ? Who.CASEWORKER : Who.NOBODY, path, Step.NONE);
        }
    }

    private static final List<Page> PAGES = List.of(
            new Page("login", false, fixture -> "/login"),
            new Page("login, typing kept or not", false, fixture -> "/login?next=%2F&lost=1"),
            new Page("single sign-on refused (here: no provider configured)", false, fixture -> "/auth/oidc/callback?state=x"),
            new Page("records list", true, Fixture::records),
            new Page("record view", true, fixture -> fixture.records() + "/" + fixture.record().id()),
            new Page("new record", true, fixture -> fixture.records() + "/new"),
            new Page("edit record", true, fixture -> fixture.records() + "/" + fixture.record().id() + "/edit"),
            new Page("case-file summary after a section save", Who.CASEWORKER, fixture -> fixture.caseFile() + "/sections/identite",
                    browser -> submit(browser, "form[data-dossier-form]")),
            new Page("section page", true, fixture -> fixture.caseFile() + "/sections/identite"),
            new Page("section page with errors", Who.CASEWORKER, fixture -> fixture.caseFile() + "/sections/identite",
                    browser -> submit(browser, "form[data-dossier-form]", "identite.nom", "")),
            new Page("follow-up page", true, fixture -> fixture.caseFile() + "/follow-up"),
            new Page("follow-up page with errors", Who.CASEWORKER, fixture -> fixture.caseFile() + "/follow-up",
                    browser -> submit(browser, "form[data-dossier-form]")),
            new Page("merge page after a stale save", Who.CASEWORKER, fixture -> fixture.caseFile() + "/edit",
                    browser -> {
                        savedElsewhere();
                        submit(browser, "form[data-dossier-form]", "identite.lieu_naissance", "Bron");
                        assertThat(browser.findElements(By.cssSelector("form.conflict"))).isNotEmpty();
                    }),
            new Page("row removal confirmation (no JavaScript)", Who.CASEWORKER, fixture -> fixture.caseFile() + "/edit",
                    browser -> {
                        submit(browser, "form[data-dossier-form]", "_action", "remove:/membres_foyer/0");
                        assertThat(browser.findElements(By.cssSelector("button[value='confirm-remove:/membres_foyer/0']")))
                                .isNotEmpty();
                    }),
            new Page("restored form after login, and the login page saying typing is kept", Who.CASEWORKER,
                    fixture -> fixture.caseFile() + "/edit", AccessibilityBrowserTest::expireThenSignInAgain),
            new Page("designer publish page with the required-field choice", Who.ADMIN, fixture -> fixture.admin() + "/publish",
                    Step.NONE),
            new Page("designer publish page with its error", Who.ADMIN, fixture -> fixture.admin() + "/publish",
                    browser -> submit(browser, "form[action$='/publish']")),
            new Page("designer custom-field form with errors", Who.ADMIN, Fixture::admin,
                    browser -> submit(browser, "#cf-form")),
            new Page("super-admin create-service form with errors", Who.SUPER_ADMIN, fixture -> "/admin/services",
                    browser -> submit(browser, "form[action='/admin/services']")),
            new Page("super-admin clone form with errors", Who.SUPER_ADMIN, fixture -> "/admin/services",
                    browser -> submit(browser, "form[action='/admin/services/clone']")),
            new Page("form as files page", Who.ADMIN, fixture -> fixture.admin() + "/files", Step.NONE),
            new Page("form as files page with its error", Who.ADMIN, fixture -> fixture.admin() + "/files",
                    browser -> submit(browser, "form[action$='/admin/form/files']")),
            new Page("super-admin service from a file with errors", Who.SUPER_ADMIN, fixture -> "/admin/services/import",
                    browser -> submit(browser, "form[action='/admin/services/import']")),
            new Page("service retention setting", Who.SUPER_ADMIN,
                    fixture -> "/admin/services/" + fixture.tenant().slug() + "/retention", Step.NONE),
            new Page("service retention setting with its errors", Who.SUPER_ADMIN,
                    fixture -> "/admin/services/" + fixture.tenant().slug() + "/retention",
                    browser -> submit(browser, "form.panel[action$='/retention']", "active", "9")),
            new Page("service retention change confirmation", Who.SUPER_ADMIN,
                    fixture -> "/admin/services/" + fixture.tenant().slug() + "/retention",
                    browser -> submit(browser, "form.panel[action$='/retention']", "active", "1", "kept", "1")),
            new Page("archived case file with its banner", Who.ADMIN, Fixture::archivedFile, Step.NONE),
            new Page("reactivation page", Who.ADMIN, fixture -> fixture.archivedFile() + "/reactivate", Step.NONE),
            new Page("reactivation page with its error", Who.ADMIN, fixture -> fixture.archivedFile() + "/reactivate",
                    browser -> submit(browser, "form[action$='/reactivate']")),
            new Page("legal hold page", Who.ADMIN, fixture -> fixture.archivedFile() + "/hold", Step.NONE),
            new Page("erasure page", Who.ADMIN, fixture -> fixture.archivedFile() + "/erase", Step.NONE),
            new Page("erasure page with its error", Who.ADMIN, fixture -> fixture.archivedFile() + "/erase",
                    browser -> submit(browser, "form[action$='/erase']")),
            new Page("service lifecycle page", Who.ADMIN, fixture -> "/t/" + fixture.tenant().slug() + "/admin/lifecycle",
                    Step.NONE),
            new Page("super-admin lifecycle page", Who.SUPER_ADMIN, fixture -> "/admin/lifecycle", Step.NONE),
            new Page("import page", Who.ADMIN, fixture -> "/t/" + fixture.tenant().slug() + "/admin/imports", Step.NONE),
            new Page("import mapping page after an upload", Who.ADMIN,
                    fixture -> "/t/" + fixture.tenant().slug() + "/admin/imports", browser -> {
                        browser.findElement(org.openqa.selenium.By.id("import-file")).sendKeys(importFile().toString());
                        clickThenWaitForTheNextPage(browser, "form[enctype] button[type=submit]");
                    }),
            new Page("register of processing", Who.ADMIN, fixture -> "/t/" + fixture.tenant().slug() + "/admin/register",
                    Step.NONE),
            new Page("register of processing as of a version", Who.ADMIN,
                    fixture -> "/t/" + fixture.tenant().slug() + "/admin/register?version=1", Step.NONE),
            new Page("register controller form with errors", Who.ADMIN,
                    fixture -> "/t/" + fixture.tenant().slug() + "/admin/register/controller",
                    browser -> submit(browser, "form[action$='/controller']", "dpoEmail", "pas-une-adresse")),
            new Page("super-admin register of processing", Who.SUPER_ADMIN, fixture -> "/admin/register", Step.NONE),
            new Page("case-file history", true, fixture -> fixture.caseFile() + "/history"),
            new Page("access request search with its results, archived ones marked", Who.ADMIN,
                    fixture -> "/t/" + fixture.tenant().slug() + "/admin/access?lastName=A", Step.NONE),
            new Page("access request search with its error", Who.ADMIN,
                    fixture -> "/t/" + fixture.tenant().slug() + "/admin/access?firstName=Hélène", Step.NONE),
            new Page("access request export", Who.ADMIN, fixture -> fixture.caseFile() + "/access", Step.NONE),
            new Page("service audit verification page", Who.ADMIN, fixture -> "/t/" + fixture.tenant().slug() + "/admin/audit/verify",
                    Step.NONE),
            new Page("super-admin audit verification page", Who.SUPER_ADMIN, fixture -> "/admin/audit/verify", Step.NONE),
            new Page("API reference", false, fixture -> "/api/docs"),
            new Page("plain draft-07 form: new record (read-only field, date-time, url)", true,
                    fixture -> "/t/" + AccessibilityBrowserTest.foreign.slug() + "/records/new"),
            new Page("plain draft-07 form with errors", Who.CASEWORKER, fixture -> "/t/" + AccessibilityBrowserTest.foreign.slug() + "/records/new",
                    browser -> submit(browser, "form[data-dossier-form]", "participant.email", "not-an-email")));

    private static WebDriver browser;
    private static Fixture fixture;
    private static User caseworker;
    private static User admin;
    private static User superAdmin;
    private static Services services;
    /** A service whose case-file form is a plain draft-07 form written elsewhere. */
    private static Tenant foreign;

    @BeforeAll
    static void start() {
        browser = Browser.driver();
        if (browser == null) {
            return;
        }
        services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "browser-axe");
        ObjectNode data = TestRecords.validData("Accessible");
        data.putObject("contact").put("ville", "Lyon");
        data.putArray("membres_foyer").addObject().put("nom", "Accessible").put("prenom", "Léo").put("lien", "enfant");
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"),
                Locale.FRENCH);
        CaseRecord archived = services.records().create(tenant.id(), FormService.CASE_FILE,
                TestRecords.validData("Archive"), Actor.system("test"), Locale.FRENCH);
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", java.time.ZonedDateTime.now(org.dossier.retention.Retention.ZONE).minusYears(3).toInstant())
                .bind("t", tenant.id()).bind("id", archived.id()).execute());
        fixture = new Fixture(tenant, record, archived);
        caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
        superAdmin = TestUsers.superAdmin(services);
        try (var in = AccessibilityBrowserTest.class.getResourceAsStream("/forms/foreign/event-registration.schema.json")) {
            foreign = TestTenants.withForm(services, "browser-foreign", new ObjectMapper().readTree(in));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        TestUsers.join(services, caseworker, foreign, Role.CASEWORKER, true);
        // A draft making a field required that the case file lacks: the publish page asks for whom.
        try {
            services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, (ObjectNode) new ObjectMapper().readTree("""
                    {"fields": {"contact.telephone": {"required": true}}}"""), Actor.system("test"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Submits the form {@code selector} names, after setting each name given to its value, and waits for the answer. */
    /** A small CSV to upload, one row with an error. */
    private static java.nio.file.Path importFile() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("import", ".csv");
            java.nio.file.Files.writeString(file, "Nom;Prénom;Statut de l'accompagnement\nBerger;Iris;en_cours\n;Paul;clos\n");
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void submit(WebDriver browser, String selector, String... values) {
        ((JavascriptExecutor) browser).executeScript("""
                const form = document.querySelector(arguments[0]);
                const values = arguments[1];
                for (let i = 0; i < values.length; i += 2) {
                  let control = form.querySelector('[name="' + values[i] + '"]:not(button)');
                  if (!control) {
                    control = document.createElement('input');
                    control.type = 'hidden';
                    control.name = values[i];
                    form.appendChild(control);
                  }
                  control.value = values[i + 1];
                }
                window.beforeSubmit = true;
                HTMLFormElement.prototype.submit.call(form);
                """, selector, List.of(values));
        waitUntilTheNextPageHasLoaded(browser);
    }

    /**
     * Clicks a button and waits until the page it leads to has loaded: without the wait, the checks that follow could
     * read the page being left and meet its elements gone stale.
     */
    private static void clickThenWaitForTheNextPage(WebDriver browser, String selector) {
        ((JavascriptExecutor) browser).executeScript("window.beforeSubmit = true;");
        browser.findElement(By.cssSelector(selector)).click();
        waitUntilTheNextPageHasLoaded(browser);
    }

    private static void waitUntilTheNextPageHasLoaded(WebDriver browser) {
        Browser.waitFor(browser, driver -> ((JavascriptExecutor) driver).executeScript(
                "return window.beforeSubmit !== true && document.readyState === 'complete';").equals(Boolean.TRUE));
    }

    /** Someone else saves the case file: the page's save is then stale. */
    private static void savedElsewhere() {
        CaseRecord stored = services.records().get(fixture.tenant().id(), fixture.record().id());
        ObjectNode data = stored.data().deepCopy();
        ((ObjectNode) data.get("identite")).put("lieu_naissance", "Lyon " + stored.lockVersion());
        services.records().update(fixture.tenant().id(), stored.id(), stored.lockVersion(), data, Actor.system("test"),
                Locale.FRENCH);
    }

    /**
     * Types on the edit page, lets the session expire and saves: the login page says the typing is kept
     * (checked here); signing in again then shows the restored form (checked by the caller).
     */
    private static void expireThenSignInAgain(WebDriver browser) {
        String session = browser.manage().getCookieNamed(TestLogin.SESSION_COOKIE).getValue();
        Instant now = Instant.now();
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE sessions SET created_at = :created, last_seen_at = :seen WHERE id_hash = :hash")
                .bind("created", now.minus(Duration.ofMinutes(40))).bind("seen", now.minus(Duration.ofMinutes(31)))
                .bind("hash", Secrets.sha256(session)).execute());
        submit(browser, "form[data-dossier-form]", "identite.lieu_naissance", "Saisie conservée");
        assertThat(browser.getCurrentUrl()).contains("/login").contains("kept=1");
        assertClean("login page saying typing is kept");
        browser.findElement(By.id("email")).sendKeys(caseworker.email());
        browser.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        Browser.waitFor(browser, driver -> driver.getCurrentUrl().endsWith("/edit"));
        assertThat(browser.getPageSource()).contains("data-unsaved-restored");
    }

    private static String withLang(String path, String lang) {
        return path + (path.contains("?") ? "&" : "?") + "lang=" + lang;
    }

    private static void assertClean(String what) {
        List<Axe.Violation> violations = Axe.violations(browser);
        assertThat(violations).as("axe-core on %s (%s)", what, browser.getCurrentUrl()).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> every_listed_page_has_no_violation_in_french_and_in_english() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String lang : List.of("fr", "en")) {
            for (Page page : PAGES) {
                tests.add(DynamicTest.dynamicTest(page.name() + " (" + lang + ")", () -> {
                    Browser.assumeAvailable();
                    switch (page.who()) {
                        case NOBODY -> browser.manage().deleteAllCookies();
                        case CASEWORKER -> Browser.signIn(browser, TestServer.baseUrl(), caseworker);
                        case ADMIN -> Browser.signIn(browser, TestServer.baseUrl(), admin);
                        case SUPER_ADMIN -> Browser.signIn(browser, TestServer.baseUrl(), superAdmin);
                    }
                    browser.get(TestServer.baseUrl() + withLang(page.path().apply(fixture), lang));
                    page.then().run(browser);
                    if (page.name().contains("with errors") || page.name().contains("with its error")) {
                        assertThat(browser.findElements(By.cssSelector("[data-error-summary]"))).as("the errors shown")
                                .isNotEmpty();
                    }
                    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
                    assertClean(page.name());
                }));
            }
        }
        return tests.stream();
    }

    @org.junit.jupiter.api.Test
    void axe_does_report_a_violation_put_on_a_page() {
        Browser.assumeAvailable();
        browser.manage().deleteAllCookies();
        browser.get(TestServer.baseUrl() + "/login");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const image = document.createElement('img'); image.src = '/assets/none.png';"
                + " document.querySelector('main').appendChild(image);");

        assertThat(Axe.violations(browser)).extracting(Axe.Violation::rule).contains("image-alt");
    }

    @TestFactory
    Stream<DynamicTest> the_warning_before_the_session_ends_has_no_violation_in_french_and_in_english() {
        return Stream.of("fr", "en").map(lang -> DynamicTest.dynamicTest("session warning (" + lang + ")", () -> {
            Browser.assumeAvailable();
            String base = ShortSessions.baseUrl();
            Browser.signIn(browser, base, caseworker);
            browser.get(base + withLang(fixture.records() + "/" + fixture.record().id() + "/edit", lang));
            new WebDriverWait(browser, ShortSessions.IDLE.plus(Duration.ofSeconds(2))).until(driver ->
                    !driver.findElements(By.cssSelector("[data-session-warning]:not([hidden])")).isEmpty());
            assertClean("session warning");
        }));
    }
}
