package org.dossier.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.dossier.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * The API's reference page in a real browser: swagger-ui, served from its WebJar, draws every
 * operation of the description under the site's Content-Security-Policy without one violation.
 */
@Tag("browser")
class ApiReferenceBrowserTest {
    /** Records every CSP violation of the pages loaded, from before their first script runs. */
    private static final String VIOLATIONS = """
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', function (event) {
              window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
            });
            """;

    private static WebDriver browser;
    private static String listener;

    @BeforeAll
    static void start() {
        browser = Browser.driver();
        if (browser != null) {
            listener = (String) ((ChromiumDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", VIOLATIONS)).get("identifier");
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            ((ChromiumDriver) browser).executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                    Map.of("identifier", listener));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return window.cspViolations;");
    }

    @Test
    void swagger_ui_draws_every_operation_without_a_csp_violation() {
        Browser.assumeAvailable();
        browser.manage().deleteAllCookies();
        browser.get(TestServer.baseUrl() + "/api/docs");
        Browser.waitFor(browser, driver -> driver.findElements(By.cssSelector(".opblock")).size() > 20);

        assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")))
                .extracting(path -> path.getAttribute("data-path"))
                .contains("/api/v1/tenants/{tenant}/forms/{form}", "/api/v1/tenants/{tenant}/records/{id}");
        assertThat(browser.findElement(By.cssSelector(".swagger-ui .info .title")).getText()).contains("Dossier API");
        assertThat(violations()).as("CSP violations").isEmpty();
    }

    @Test
    void the_listener_does_catch_a_violation() {
        Browser.assumeAvailable();
        browser.get(TestServer.baseUrl() + "/api/docs");
        ((JavascriptExecutor) browser).executeScript(
                "const inline = document.createElement('script'); inline.textContent = 'window.ran = true;';"
                        + " document.body.appendChild(inline);");
        Browser.waitFor(browser, driver -> !violations().isEmpty());

        assertThat(violations()).anyMatch(violation -> violation.startsWith("script-src"));
    }

    @Test
    void the_reference_page_has_no_accessibility_violation() {
        Browser.assumeAvailable();
        browser.get(TestServer.baseUrl() + "/api/docs");
        Browser.waitFor(browser, driver -> driver.findElements(By.cssSelector(".opblock")).size() > 20);

        assertThat(Axe.violations(browser)).isEmpty();
    }
}
