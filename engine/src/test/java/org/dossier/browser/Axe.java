package org.dossier.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core on the page the browser shows and returns what it finds, each violation with the
 * elements at fault, readable in a failed assertion. The rules are WCAG 2.2 A and AA (2.0 and 2.1
 * included). axe.min.js comes from the {@code com.deque.html.axe-core:selenium} test jar,
 * injected as is: the page's Content-Security-Policy does not apply to a driver's script.
 */
public final class Axe {
    private static final String[] TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"};
    private static String source;

    private Axe() {}

    /** One rule broken on the page. */
    public record Violation(String rule, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return rule + " (" + impact + "): " + help + " at " + String.join(", ", targets);
        }
    }

    /** Every WCAG 2.2 A/AA violation axe finds on the current page; an empty list when it is clean. */
    @SuppressWarnings("unchecked")
    public static List<Violation> violations(WebDriver browser) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(script.executeScript("return typeof window.axe === 'object';"))) {
            script.executeScript(source());
        }
        Object result = script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                   .then(results => done(results.violations.map(v => ({
                        rule: v.id, impact: v.impact || '', help: v.help,
                        targets: v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '))}))))
                   .catch(error => done([{rule: 'axe-error', impact: 'critical', help: String(error), targets: []}]));
                """, List.of(TAGS));
        List<Violation> violations = new ArrayList<>();
        for (Object item : (List<Object>) result) {
            Map<String, Object> found = (Map<String, Object>) item;
            violations.add(new Violation(String.valueOf(found.get("rule")), String.valueOf(found.get("impact")),
                    String.valueOf(found.get("help")), ((List<Object>) found.get("targets")).stream().map(String::valueOf).toList()));
        }
        return violations;
    }

    private static synchronized String source() {
        if (source == null) {
            try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }
}
