package org.dossier.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads a page's form as a browser would submit it, without pressing any of its buttons. */
public final class TestForms {
    private TestForms() {}

    /**
     * The fields the case-file form ({@code form[data-dossier-form]}) of {@code html} submits as it
     * is shown: inputs, checked boxes and radios, selected options, text areas; never a button, a
     * disabled control or the blank row a {@code <template>} holds for scripts.
     */
    public static List<Map.Entry<String, String>> asShown(String html) {
        return asShown(html, "form[data-dossier-form]");
    }

    /** As {@link #asShown(String)}, for the first form {@code selector} finds. */
    public static List<Map.Entry<String, String>> asShown(String html, String selector) {
        Document page = Jsoup.parse(html);
        Element form = page.selectFirst(selector);
        if (form == null) {
            throw new AssertionError("the page has no form " + selector);
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Element control : form.select("input[name], select[name], textarea[name]")) {
            if (control.hasAttr("disabled") || control.parents().stream().anyMatch(parent -> parent.nameIs("template"))) {
                continue;
            }
            String name = control.attr("name");
            switch (control.tagName()) {
                case "select" -> {
                    List<Element> chosen = control.select("option[selected]");
                    if (chosen.isEmpty() && !control.hasAttr("multiple") && control.selectFirst("option") != null) {
                        chosen = List.of(control.selectFirst("option")); // a browser sends the first option
                    }
                    chosen.forEach(option -> fields.add(Map.entry(name, option.attr("value"))));
                }
                case "textarea" -> fields.add(Map.entry(name, control.wholeText()));
                default -> {
                    String type = control.attr("type").toLowerCase();
                    if (type.equals("submit") || type.equals("button") || type.equals("image") || type.equals("reset")) {
                        continue;
                    }
                    if ((type.equals("checkbox") || type.equals("radio")) && !control.hasAttr("checked")) {
                        continue;
                    }
                    fields.add(Map.entry(name, control.hasAttr("value") ? control.attr("value")
                            : type.equals("checkbox") || type.equals("radio") ? "on" : ""));
                }
            }
        }
        return fields;
    }

    /** {@code fields} with every value of {@code name} replaced by {@code value}. */
    public static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> fields, String name, String value) {
        List<Map.Entry<String, String>> changed = new ArrayList<>();
        for (Map.Entry<String, String> field : fields) {
            changed.add(field.getKey().equals(name) ? Map.entry(name, value) : field);
        }
        return changed;
    }
}
