package org.dossier.web.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.view.PebbleTemplates;

/**
 * {@code GET /api/openapi.json}, the description, and {@code GET /api/docs}, the reference page:
 * swagger-ui from its WebJar, started by {@code /assets/js/api-docs.js} (the site's
 * Content-Security-Policy admits no inline script). Without JavaScript the page links to the
 * description itself.
 */
public final class ApiDocsPages {
    static final String DESCRIPTION_PATH = "/api/openapi.json";
    private static final String SWAGGER_UI_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final ApiDescription description;
    private final PebbleTemplates templates;
    private final String swaggerUi;

    ApiDocsPages(ApiDescription description, PebbleTemplates templates) {
        this.description = description;
        this.templates = templates;
        this.swaggerUi = "/webjars/swagger-ui/" + webJarVersion();
    }

    void description(Context ctx) {
        // The description holds no data of any service and changes only with a release.
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType("application/json; charset=utf-8").result(description.json());
    }

    void reference(Context ctx) {
        Locale locale = RequestLocale.of(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("lang", locale.getLanguage());
        model.put("title", UiText.get(locale, "apiDocs.title"));
        model.put("swaggerUi", swaggerUi);
        model.put("descriptionUrl", DESCRIPTION_PATH);
        templates.respond(ctx, "pages/api-docs", model, locale);
    }

    /** The WebJar's version as its jar states it, so that the page follows a version bump in the build. */
    private static String webJarVersion() {
        try (InputStream in = ApiDocsPages.class.getClassLoader().getResourceAsStream(SWAGGER_UI_POM)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui WebJar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
