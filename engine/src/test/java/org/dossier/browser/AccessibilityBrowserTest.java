package org.dossier.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dossier.Services;
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
    record Fixture(Tenant tenant, CaseRecord record) {
        String records() {
            return "/t/" + tenant.slug() + "/records";
        }
    }

    /** A page to check: signed in as a caseworker holding the confidential grant, or not signed in. */
    record Page(String name, boolean signedIn, Function<Fixture, String> path) {}

    private static final List<Page> PAGES = List.of(
            new Page("login", false, fixture -> "/login"),
            new Page("login, typing kept or not", false, fixture -> "/login?next=%2F&lost=1"),
            new Page("records list", true, Fixture::records),
            new Page("record view", true, fixture -> fixture.records() + "/" + fixture.record().id()),
            new Page("new record", true, fixture -> fixture.records() + "/new"),
            new Page("edit record", true, fixture -> fixture.records() + "/" + fixture.record().id() + "/edit"));

    private static WebDriver browser;
    private static Fixture fixture;
    private static User caseworker;

    @BeforeAll
    static void start() {
        browser = Browser.driver();
        if (browser == null) {
            return;
        }
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "browser-axe");
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData("Accessible"),
                Actor.system("test"), Locale.FRENCH);
        fixture = new Fixture(tenant, record);
        caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
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
                    if (page.signedIn()) {
                        Browser.signIn(browser, TestServer.baseUrl(), caseworker);
                    } else {
                        browser.manage().deleteAllCookies();
                    }
                    browser.get(TestServer.baseUrl() + withLang(page.path().apply(fixture), lang));
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
