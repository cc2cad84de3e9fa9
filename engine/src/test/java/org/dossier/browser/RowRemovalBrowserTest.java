package org.dossier.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * With JavaScript, removing a saved row of the case-file form asks first (the browser's confirm
 * dialog): cancelled, the row stays; accepted, it goes. A row added on the page goes at once.
 */
@Tag("browser")
class RowRemovalBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final boolean AVAILABLE = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    private static final String SKIPPED = "Browser tests skipped: Chromium or chromedriver is not installed";
    private static WebDriver browser;
    private static Services services;
    private static Tenant tenant;
    private static User member;

    @BeforeAll
    static void start() {
        if (!AVAILABLE) {
            System.err.println("*** " + SKIPPED + " ***");
            return;
        }
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "row-confirm");
        member = TestUsers.member(services, tenant, Role.CASEWORKER, false);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=fr-FR");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
    }

    @BeforeEach
    void needsBrowser() {
        Assumptions.assumeTrue(AVAILABLE, SKIPPED);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static int rows() {
        return browser.findElements(By.cssSelector("#f-membres_foyer [data-rows] > [data-row]")).size();
    }

    /** Clicks as a person would, after scrolling the button clear of the sticky save bar. */
    private static void click(String css) {
        org.openqa.selenium.WebElement button = browser.findElement(By.cssSelector(css));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'});", button);
        button.click();
    }

    private static Alert confirmDialog() {
        return new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
    }

    @Test
    void a_saved_row_is_removed_only_once_confirmed_and_a_new_row_at_once() {
        ObjectNode data = TestRecords.validData("Navigateur");
        ObjectMapper json = new ObjectMapper();
        data.putArray("membres_foyer")
                .add(json.createObjectNode().put("nom", "Navigateur").put("prenom", "Léo").put("lien", "enfant"))
                .add(json.createObjectNode().put("nom", "Navigateur").put("prenom", "Ana").put("lien", "enfant"));
        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE, data, Actor.system("test"),
                Locale.FRENCH);
        browser.manage().deleteAllCookies();
        browser.get(TestServer.baseUrl() + "/login");
        browser.findElement(By.id("email")).sendKeys(member.email());
        browser.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> !driver.getCurrentUrl().contains("/login"));
        browser.get(TestServer.baseUrl() + "/t/" + tenant.slug() + "/records/" + record.id() + "/edit");
        assertThat(rows()).isEqualTo(2);

        click("#f-membres_foyer-0 [data-remove-row]");
        Alert asked = confirmDialog();
        assertThat(asked.getText()).contains("Supprimer la ligne");
        asked.dismiss();
        assertThat(rows()).as("cancelled: the row stays").isEqualTo(2);

        click("#f-membres_foyer-0 [data-remove-row]");
        confirmDialog().accept();
        assertThat(rows()).as("confirmed: the row goes").isEqualTo(1);

        click("#f-membres_foyer > [data-add-row]");
        assertThat(rows()).isEqualTo(2);
        click("#f-membres_foyer [data-rows] > [data-row]:nth-child(2) [data-remove-row]");
        assertThat(rows()).as("a row added on the page goes without a question").isEqualTo(1);
    }
}
