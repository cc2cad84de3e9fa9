package org.dossier.web.view;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The Pebble engine of the application: templates from the classpath folder {@code templates}
 * (the repository's top-level {@code templates/}), HTML autoescaping, strict variables so a
 * missing model entry fails loudly instead of printing nothing, and compiled templates cached.
 * Interface texts come from the bundle {@code i18n/ui} through Pebble's {@code i18n} function.
 */
public final class PebbleTemplates {
    /** Room for a case-file page at first, so that its buffer rarely grows. */
    private static final int EXPECTED_BYTES = 64 * 1024;

    private final PebbleEngine engine;

    public PebbleTemplates() {
        var loader = new AbsoluteIncludesLoader(PebbleTemplates.class.getClassLoader());
        loader.setPrefix("templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(true)
                .cacheActive(true)
                .defaultLocale(Locale.FRENCH)
                .build();
    }

    /**
     * The classpath loader, minus a cost paid on every {@code include}: Pebble (3.2) runs two
     * regular-expression replacements over the included and the including template's names before
     * finding that a name not starting with {@code .} is not relative. A form page includes a
     * template per field and per row (a tenth of the new-case-file page's CPU samples); this answers
     * those names at once, as Pebble would ({@code null}: not relative), and leaves {@code ./} and
     * {@code ../} names to it.
     */
    static final class AbsoluteIncludesLoader extends ClasspathLoader {
        AbsoluteIncludesLoader(ClassLoader classLoader) {
            super(classLoader);
        }

        @Override
        public String resolveRelativePath(String relativePath, String anchorPath) {
            if (relativePath == null || !relativePath.startsWith(".")) {
                return null;
            }
            return super.resolveRelativePath(relativePath, anchorPath);
        }
    }

    /**
     * @param templateName e.g. {@code form/form} (no suffix)
     * @param model        the template's variables
     * @param locale       the language of interface texts ({@code i18n}) and of formatting
     */
    public String render(String templateName, Map<String, Object> model, Locale locale) {
        var writer = new StringWriter(16_384);
        evaluate(writer, templateName, model, locale);
        return writer.toString();
    }

    /**
     * Answers the page as HTML, as {@code ctx.html(render(…))} would, written straight into the
     * answer's UTF-8 bytes (see {@link Utf8Writer}).
     */
    public void respond(Context ctx, String templateName, Map<String, Object> model, Locale locale) {
        Utf8Writer writer = new Utf8Writer(EXPECTED_BYTES);
        evaluate(writer, templateName, model, locale);
        if (!StandardCharsets.UTF_8.equals(ctx.responseCharset())) {
            ctx.html(new String(writer.toByteArray(), StandardCharsets.UTF_8));
            return;
        }
        ctx.contentType(ContentType.TEXT_HTML).result(writer.toInputStream());
    }

    private void evaluate(Writer writer, String templateName, Map<String, Object> model, Locale locale) {
        try {
            engine.getTemplate(templateName).evaluate(writer, model, locale);
        } catch (IOException e) {
            throw new UncheckedIOException("Unable to render template " + templateName, e);
        }
    }
}
