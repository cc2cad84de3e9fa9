package org.dossier.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.dossier.account.User;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The headless Chromium of the browser tests, started once per test JVM and shared by every
 * browser test class (a second Chromium would cost the machine more than the tests). Where
 * Chromium or its driver is absent the tests skip themselves with {@link #SKIPPED};
 * {@code .ci/run} installs both.
 */
public final class Browser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final String SKIPPED = "Browser tests skipped: Chromium or chromedriver is not installed "
            + "(apt-get install chromium chromium-driver; .ci/run does it)";
    public static final boolean AVAILABLE = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    private static WebDriver driver;

    private Browser() {}

    /**
     * The shared browser, started on first use and quit when the JVM ends; null where Chromium is
     * absent, after saying so once on the console (each test then reports itself skipped, see
     * {@link #assumeAvailable}: an abort in a class set-up would drop them from the counts).
     */
    public static synchronized WebDriver driver() {
        if (!AVAILABLE) {
            System.err.println("*** " + SKIPPED + " ***");
            return null;
        }
        if (driver == null) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1500,1000", "--lang=fr-FR");
            // Headless Chromium ignores --lang for Accept-Language; the preference sets it, as a French user's browser does.
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
            WebDriver started = new ChromeDriver(service, options);
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit));
            driver = started;
        }
        return driver;
    }

    /** Skips the calling test, with the reason, where there is no browser. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(AVAILABLE, SKIPPED);
    }

    public static void waitFor(WebDriver browser, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition::apply);
    }

    /** Signs {@code user} in through the login page of the app at {@code baseUrl}, in a browser without cookies. */
    public static void signIn(WebDriver browser, String baseUrl, User user) {
        browser.manage().deleteAllCookies();
        browser.get(baseUrl + "/login");
        browser.findElement(By.id("email")).sendKeys(user.email());
        browser.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        waitFor(browser, driver -> !driver.getCurrentUrl().contains("/login"));
    }
}
