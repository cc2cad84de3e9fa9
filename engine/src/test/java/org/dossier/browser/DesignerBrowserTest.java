package org.dossier.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
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
import org.openqa.selenium.support.ui.Select;

/**
 * What only a real browser shows (headless Chromium): the designer's live preview follows every
 * change, drag and drop reorders fields, and the case-file form keeps the focused control clear of
 * its sticky save bar. Skipped, with a message, where Chromium or its driver is absent (see {@link Browser}).
 */
@Tag("browser")
class DesignerBrowserTest {
    private static WebDriver browser;
    private static Services services;
    private static Tenant tenant;
    private static User admin;

    @BeforeAll
    static void start() {
        browser = Browser.driver();
        if (browser == null) {
            return;
        }
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "browser");
        admin = TestUsers.member(services, tenant, Role.ADMIN, true);
    }

    @BeforeEach
    void needsBrowser() {
        Browser.assumeAvailable();
    }

    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        Browser.waitFor(browser, condition);
    }

    private static int previewCount(String name) {
        return browser.findElements(By.cssSelector("#designer-preview [name='" + name + "']")).size();
    }

    @Test
    void the_live_preview_follows_a_field_switched_off_and_on_without_saving() {
        Tenant own = TestTenants.withBaseForm(services, "browser-preview");
        signIn(TestUsers.member(services, own, Role.ADMIN, true));
        browser.get(TestServer.baseUrl() + "/t/" + own.slug() + "/admin/form");
        assertThat(previewCount("accompagnement.antenne")).isEqualTo(1);

        click(browser.findElement(By.id("accompagnement.antenne-visible")));
        waitFor(driver -> previewCount("accompagnement.antenne") == 0);
        click(browser.findElement(By.id("accompagnement.antenne-visible")));
        waitFor(driver -> previewCount("accompagnement.antenne") == 1);

        assertThat(services.designer().draft(own.id(), FormService.CASE_FILE).saved()).as("a preview saves nothing").isFalse();
    }

    @Test
    void dragging_a_field_above_another_reorders_the_preview_and_the_saved_draft() {
        signIn(admin);
        browser.get(TestServer.baseUrl() + "/t/" + tenant.slug() + "/admin/form");
        WebElement prenom = browser.findElement(By.id("field-identite.prenom"));
        WebElement nom = browser.findElement(By.id("field-identite.nom"));

        // Chromium's driver cannot perform a native HTML5 drag: the page receives the same events a user's drag fires.
        ((JavascriptExecutor) browser).executeScript("""
                const [source, target] = arguments;
                const data = new DataTransfer();
                source.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
                target.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
                target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
                source.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data}));
                """, prenom, nom);

        List<String> order = browser.findElements(By.cssSelector("#field-identite > ol > li")).stream()
                .map(item -> item.getAttribute("id")).toList();
        assertThat(order.indexOf("field-identite.prenom")).isLessThan(order.indexOf("field-identite.nom"));
        waitFor(driver -> previewIndex("identite.prenom") < previewIndex("identite.nom"));

        click(browser.findElement(By.cssSelector(".form-actions button[type=submit]")));
        waitFor(driver -> driver.getCurrentUrl().contains("saved=1"));
        ObjectNode draft = services.designer().draft(tenant.id(), FormService.CASE_FILE).customisation();
        assertThat(draft.at("/fields/identite.prenom/order").asInt())
                .isLessThan(draft.at("/fields/identite.nom/order").asInt(Integer.MAX_VALUE));
    }

    private static int previewIndex(String name) {
        String html = browser.findElement(By.id("designer-preview")).getAttribute("innerHTML");
        return html.indexOf("name=\"" + name + "\"");
    }

    private static void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /**
     * The scenario: the admin hides "antenne", adds a required single-choice field shown
     * only while the case is open, sees the preview follow and publishes; a caseworker then sees
     * the condition show and hide the field, and gets the required error in French.
     */
    @Test
    void an_admin_reshapes_the_form_in_the_browser_and_a_caseworker_fills_the_new_one() {
        Tenant fresh = TestTenants.withBaseForm(services, "browser-flow");
        User freshAdmin = TestUsers.member(services, fresh, Role.ADMIN, true);
        User caseworker = TestUsers.member(services, fresh, Role.CASEWORKER, false);
        signIn(freshAdmin);
        String designer = TestServer.baseUrl() + "/t/" + fresh.slug() + "/admin/form";
        browser.get(designer);

        click(browser.findElement(By.id("accompagnement.antenne-visible")));
        waitFor(driver -> previewCount("accompagnement.antenne") == 0);
        click(browser.findElement(By.cssSelector(".form-actions button[type=submit]")));
        waitFor(driver -> driver.getCurrentUrl().contains("saved=1"));

        browser.findElement(By.id("cf-labelFr")).sendKeys("Orientation");
        browser.findElement(By.id("cf-key")).sendKeys("orientation");
        new Select(browser.findElement(By.id("cf-type"))).selectByValue("singleChoice");
        new Select(browser.findElement(By.id("cf-section"))).selectByValue("accompagnement");
        browser.findElement(By.id("cf-options")).sendKeys("social|Service social\nsante|Santé");
        new Select(browser.findElement(By.id("cf-whenField"))).selectByValue("accompagnement.statut");
        browser.findElement(By.id("cf-whenValues")).sendKeys("en_cours");
        click(browser.findElement(By.id("cf-required")));
        click(browser.findElement(By.cssSelector("form[action$='/custom-fields'] button[type=submit]")));
        waitFor(driver -> driver.getCurrentUrl().contains("added=1"));
        assertThat(previewCount("orientation")).as("the preview shows the new field").isPositive();
        assertThat(previewCount("accompagnement.antenne")).isZero();

        browser.get(designer + "/publish");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Champ « Antenne » masqué").contains("Nouveau champ obligatoire « Orientation »");
        // No answer is preselected for whom the new required field is required: the admin chooses.
        click(browser.findElement(By.cssSelector("input[name='required:/orientation'][value=new]")));
        click(browser.findElement(By.cssSelector("form[action$='/publish'] button[type=submit]")));
        waitFor(driver -> driver.getCurrentUrl().contains("published=2"));

        signIn(caseworker);
        browser.get(TestServer.baseUrl() + "/t/" + fresh.slug() + "/records/new");
        assertThat(browser.findElements(By.name("accompagnement.antenne"))).isEmpty();
        WebElement orientation = browser.findElement(By.xpath("//*[@name='orientation']/ancestor::*[@data-visible-name][1]"));
        assertThat(orientation.isDisplayed()).as("hidden while no status is chosen").isFalse();
        Select status = new Select(browser.findElement(By.name("accompagnement.statut")));
        status.selectByValue("en_cours");
        waitFor(driver -> orientation.isDisplayed());
        status.selectByValue("en_veille");
        waitFor(driver -> !orientation.isDisplayed());
        status.selectByValue("en_cours");
        waitFor(driver -> orientation.isDisplayed());

        browser.findElement(By.name("accompagnement.date_ouverture")).sendKeys("01022025");
        browser.findElement(By.name("identite.nom")).sendKeys("Navigateur");
        browser.findElement(By.name("identite.prenom")).sendKeys("Alix");
        click(browser.findElement(By.cssSelector(".form-actions button[type=submit]")));

        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        String summary = browser.findElement(By.cssSelector(".error-summary")).getText();
        assertThat(summary).as("named by its label, GOV.UK style").contains("« Orientation »");
        assertThat(services.records().search(fresh.id(), org.dossier.record.RecordQuery.of("dossier", "", 1, 20)).total())
                .isZero();
    }

    /** WCAG 2.2 "focus not obscured": tabbing down the long case-file form never hides the focus under the sticky save bar. */
    @Test
    void the_focused_control_is_never_under_the_sticky_save_bar() {
        assertFocusNeverUnderTheBar("/t/" + tenant.slug() + "/records/new", "f-accompagnement-statut", 700);
    }

    @Test
    void on_a_section_page_the_focused_control_is_never_under_the_sticky_save_bar() {
        com.fasterxml.jackson.databind.node.ObjectNode data = org.dossier.testing.TestRecords.validData("Sticky");
        var rows = data.putArray("membres_foyer");
        for (int row = 0; row < 4; row++) {
            rows.addObject().put("nom", "Sticky").put("prenom", "Enfant " + row).put("lien", "enfant");
        }
        org.dossier.record.CaseRecord record = services.records().create(tenant.id(),
                org.dossier.form.FormService.CASE_FILE, data, org.dossier.audit.Actor.system("test"),
                java.util.Locale.FRENCH);
        assertFocusNeverUnderTheBar("/t/" + tenant.slug() + "/records/" + record.id() + "/sections/membres_foyer",
                "f-membres_foyer-0-nom", 600);
    }

    /** Tabs through the form at {@code path} from {@code firstId}: no control gets focus behind the sticky bar. */
    private void assertFocusNeverUnderTheBar(String path, String firstId, int height) {
        signIn(TestUsers.member(services, tenant, Role.CASEWORKER, true));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, height));
        try {
            browser.get(TestServer.baseUrl() + path);
            browser.findElement(By.id(firstId)).sendKeys("");
            List<String> hidden = new java.util.ArrayList<>();
            int below = 0;
            for (int step = 0; step < 80; step++) {
                // Through the keyboard, not the element: keys sent to a file input are taken as a file's path.
                new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
                Object verdict = ((JavascriptExecutor) browser).executeScript("""
                        const focused = document.activeElement;
                        const bar = document.querySelector('.form-actions');
                        const form = document.querySelector('form[data-dossier-form]');
                        if (!focused || !bar || bar.contains(focused) || !form.contains(focused)) { return 'skip'; }
                        const field = focused.getBoundingClientRect(), top = bar.getBoundingClientRect().top;
                        return field.bottom <= top + 1 ? (field.bottom > top - 200 ? 'near' : 'ok')
                                : focused.tagName + '#' + (focused.id || focused.name);
                        """);
                if ("near".equals(verdict)) {
                    below++;
                } else if (!"ok".equals(verdict) && !"skip".equals(verdict)) {
                    hidden.add(String.valueOf(verdict));
                }
            }
            assertThat(below).as("the walk reached controls near the bar, so scrolling was exercised").isPositive();
            assertThat(hidden).as("controls left under the sticky bar when focused").isEmpty();
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1500, 1000));
        }
    }

    private static void signIn(User user) {
        Browser.signIn(browser, TestServer.baseUrl(), user);
    }
}
