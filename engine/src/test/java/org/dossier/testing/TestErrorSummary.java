package org.dossier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a page's error summary as a person would meet it (GOV.UK pattern): a focusable alert at the
 * top, each entry a link to an element of the page whose inline message it repeats.
 */
public final class TestErrorSummary {
    private TestErrorSummary() {}

    /**
     * The summary's entries, after checking that it is an alert that can take the focus, that each
     * link leads to an element of the page, that an input with an inline message is described by it,
     * and that no JSON Pointer nor regular expression is shown.
     */
    public static List<String> entries(String html) {
        Document page = Jsoup.parse(html);
        Element summary = page.selectFirst(".error-summary");
        assertThat(summary).as("an error summary").isNotNull();
        assertThat(summary.attr("role")).isEqualTo("alert");
        assertThat(summary.hasAttr("data-error-summary")).as("focused by dossier.js").isTrue();
        assertThat(summary.attr("tabindex")).isEqualTo("-1");
        for (Element link : summary.select("li a")) {
            String id = link.attr("href").substring(1);
            Element target = page.getElementById(id);
            assertThat(target).as("the element a summary link leads to: #" + id).isNotNull();
            Element inline = page.getElementById(id + "-error");
            if (inline != null) {
                assertThat(inline.text()).endsWith(link.text());
                assertThat(target.attr("aria-describedby")).as("what describes #" + id).contains(id + "-error");
                assertThat(target.attr("aria-invalid")).isEqualTo("true");
            }
        }
        String text = summary.text();
        assertThat(text).as("no JSON Pointer, regex or exception text").doesNotContain("/", "^", "$", "Exception", "[a-z");
        List<String> entries = summary.select("li").eachText();
        assertThat(summary.select("li a")).as("every entry is a link").hasSize(entries.size());
        return entries;
    }
}
