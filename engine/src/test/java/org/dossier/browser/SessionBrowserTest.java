package org.dossier.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What only a browser with JavaScript shows of a session's end and of unsaved work: leaving a
 * changed case-file form asks first (and saving it does not), and the warning before the session
 * ends takes the focus and extends the session.
 */
@Tag("browser")
class SessionBrowserTest {
    private static WebDriver browser;
    private static Services services;
    private static Tenant tenant;
    private static User caseworker;

    @BeforeAll
    static void start() {
        browser = Browser.driver();
        if (browser == null) {
            return;
        }
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "browser-session");
        caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
    }

    @BeforeEach
    void needsBrowser() {
        Browser.assumeAvailable();
    }

    private static CaseRecord record(String lastName) {
        return services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(lastName),
                Actor.system("test"), Locale.FRENCH);
    }

    /**
     * Notes, in the tab's session storage, whether the page asked the browser to confirm leaving
     * when it is next left (its beforeunload event cancelled). ChromeDriver answers that question
     * itself, as WebDriver wants, so the test reads the page's request rather than the dialog.
     */
    private static void watchLeaving() {
        ((JavascriptExecutor) browser).executeScript("""
                sessionStorage.removeItem('asked-to-stay');
                window.addEventListener('beforeunload', event =>
                    sessionStorage.setItem('asked-to-stay', String(event.defaultPrevented)));
                """);
    }

    /** Whether the page left last asked to confirm leaving; read on the page that followed. */
    private static String askedToStay() {
        return String.valueOf(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('asked-to-stay');"));
    }

    private static void typeName(String value) {
        WebElement name = browser.findElement(By.name("identite.nom"));
        name.clear();
        name.sendKeys(value);
    }

    @Test
    void leaving_a_changed_form_by_the_menu_or_back_asks_first() {
        CaseRecord record = record("Quitter");
        String list = TestServer.baseUrl() + "/t/" + tenant.slug() + "/records";
        String edit = list + "/" + record.id() + "/edit";
        Browser.signIn(browser, TestServer.baseUrl(), caseworker);
        browser.get(list);
        browser.get(edit);
        typeName("Pas-Encore-Enregistre");
        watchLeaving();

        browser.findElement(By.cssSelector(".main-nav a[href$='/records']")).click();
        Browser.waitFor(browser, driver -> driver.getCurrentUrl().equals(list));
        assertThat(askedToStay()).as("by the menu").isEqualTo("true");

        browser.get(edit);
        typeName("Toujours-Pas");
        watchLeaving();
        browser.navigate().back();
        Browser.waitFor(browser, driver -> !driver.getCurrentUrl().equals(edit));
        assertThat(askedToStay()).as("by the back button").isEqualTo("true");
        assertThat(services.records().get(tenant.id(), record.id()).data().at("/identite/nom").asText()).isEqualTo("Quitter");
    }

    @Test
    void an_unchanged_form_and_the_save_of_a_changed_one_leave_without_a_question() {
        CaseRecord record = record("Enregistrer");
        Browser.signIn(browser, TestServer.baseUrl(), caseworker);
        String edit = TestServer.baseUrl() + "/t/" + tenant.slug() + "/records/" + record.id() + "/edit";
        browser.get(edit);
        watchLeaving();
        browser.findElement(By.cssSelector(".main-nav a[href$='/records']")).click();
        Browser.waitFor(browser, driver -> driver.getCurrentUrl().endsWith("/records"));
        assertThat(askedToStay()).as("an unchanged form").isEqualTo("false");

        browser.get(edit);
        typeName("Enregistre-Sans-Question");
        watchLeaving();
        ((JavascriptExecutor) browser).executeScript("arguments[0].click();",
                browser.findElement(By.cssSelector(".form-actions button[type=submit]")));

        Browser.waitFor(browser, driver -> driver.getCurrentUrl().contains("saved=1"));
        assertThat(askedToStay()).as("its own save").isEqualTo("false");
        assertThat(services.records().get(tenant.id(), record.id()).data().at("/identite/nom").asText())
                .isEqualTo("Enregistre-Sans-Question");
    }

    @Test
    void the_warning_before_the_session_ends_takes_the_focus_and_its_button_extends_the_session() throws Exception {
        String base = ShortSessions.baseUrl();
        Browser.signIn(browser, base, caseworker);
        browser.get(base + "/t/" + tenant.slug() + "/records/new");
        Instant loaded = Instant.now();
        assertThat(browser.findElements(By.cssSelector("[data-session-warning]"))).as("not before its time").isEmpty();

        WebElement warning = new WebDriverWait(browser, ShortSessions.IDLE).until(driver ->
                driver.findElements(By.cssSelector("[data-session-warning]:not([hidden])")).stream().findFirst().orElse(null));

        assertThat(warning.getAttribute("role")).isEqualTo("alertdialog");
        assertThat(warning.findElement(By.id("session-warning-title")).getText()).isEqualTo("Votre session va bientôt expirer");
        WebElement extend = warning.findElement(By.cssSelector("[data-session-extend]"));
        assertThat(browser.switchTo().activeElement()).as("the focus is on its button").isEqualTo(extend);

        extend.click();
        Browser.waitFor(browser, driver -> !driver.findElement(By.cssSelector("[data-session-warning]")).isDisplayed());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), loaded.plus(ShortSessions.IDLE).plusSeconds(3)).toMillis()));
        browser.get(base + "/t/" + tenant.slug() + "/records");

        assertThat(browser.getCurrentUrl()).as("still signed in after the session would have ended").doesNotContain("/login");
    }
}
