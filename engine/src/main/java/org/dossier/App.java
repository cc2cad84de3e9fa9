package org.dossier;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.function.Consumer;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import org.dossier.web.ErrorMapper;
import org.dossier.web.RequestContext;
import org.dossier.web.Routes;
import org.dossier.web.SecurityHeaders;
import org.dossier.web.UploadLimit;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;
import org.dossier.web.metrics.RequestObservation;

/** Builds the web application. Used by {@code serve} and by the HTTP tests; never started here. */
public final class App {
    private App() {}

    public static Javalin create(Config config, Services services) {
        return create(config, services, rules -> { });
    }

    /** As {@link #create(Config, Services)}, handing how each route is guarded to {@code rules} (for tests). */
    public static Javalin create(Config config, Services services, Consumer<List<AccessRoutes.Rule>> rules) {
        WebKit web = WebKit.of(config, services.mapper());
        ErrorMapper errors = new ErrorMapper(web.json(), services.messages(), web.templates());
        return Javalin.create(javalin -> {
            javalin.http.maxRequestSize = config.maxBodyBytes();
            // Uploads (the logo) are held to the body limit too, also when sent in chunks without a
            // length, and kept in memory rather than spooled to disk while they are parsed.
            javalin.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(), SizeUnit.BYTES);
            javalin.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), SizeUnit.BYTES);
            javalin.jetty.multipartConfig.maxInMemoryFileSize((int) config.maxBodyBytes(), SizeUnit.BYTES);
            javalin.http.defaultContentType = "text/html; charset=utf-8";
            javalin.jetty.port = config.port();
            // Stop accepting, finish what is in flight (bounded), then close: see Server.close().
            javalin.jetty.modifyServer(server -> org.dossier.web.GracefulStop.install(server,
                    org.dossier.web.GracefulStop.drainFromEnvironment()));
            javalin.jetty.modifyServletContextHandler(handler -> {
                handler.setMaxFormContentSize((int) config.maxBodyBytes());
                handler.setMaxFormKeys(org.dossier.web.FormBody.MAX_FIELDS);
            });
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            javalin.staticFiles.enableWebjars();
            javalin.startup.showJavalinBanner = false;
            javalin.contextResolver.ip = ctx -> RequestContext.clientAddress(ctx.req(), config.trustedProxies());
            // First, so that every answer (static files, refusals, errors) carries its request id.
            RequestObservation observation = new RequestObservation(services.metrics().registry(), config.trustedProxies());
            javalin.routes.before(observation::begin);
            javalin.requestLogger.http(observation::end);
            javalin.routes.before(SecurityHeaders::apply);
            javalin.routes.before(new org.dossier.web.DatabaseGate(services.readiness())::check);
            // The case-file form's posts and the API's upload admit a case file's files; no other route.
            javalin.routes.before(new UploadLimit(web.bodyLimit(), config.maxBodyBytes(), config.attachments())::check);
            javalin.routes.exception(DomainException.class, errors::domain);
            javalin.routes.exception(HttpResponseException.class, errors::http);
            javalin.routes.exception(Exception.class, errors::unexpected);
            javalin.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    errors.status(ctx, 404, "notFound");
                }
            });
            javalin.routes.error(405, ctx -> errors.status(ctx, 405, "methodNotAllowed"));
            javalin.routes.exception(AccessRoutes.LoginRedirect.class,
                    (e, ctx) -> ctx.redirect(e.location(), HttpStatus.SEE_OTHER));
            rules.accept(Routes.register(javalin.routes, services, web, config));
        });
    }
}
