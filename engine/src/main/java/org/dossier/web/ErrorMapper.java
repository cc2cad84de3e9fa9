package org.dossier.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.DomainException;
import org.dossier.record.RecordValidationException;
import org.dossier.validation.FieldError;
import org.dossier.validation.Messages;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an answer: JSON for the API and for clients that ask for it, an HTML
 * page otherwise. Messages come from the errors bundle in the request's language.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private final Json json;
    private final Messages messages;
    private final PebbleTemplates templates;

    public ErrorMapper(Json json, Messages messages, PebbleTemplates templates) {
        this.json = json;
        this.messages = messages;
        this.templates = templates;
    }

    public void domain(DomainException e, Context ctx) {
        Locale locale = RequestLocale.of(ctx);
        if (e instanceof RecordValidationException invalid) {
            respond(ctx, 422, "validation", messages.general("validation", locale), invalid.errors());
            return;
        }
        if (e instanceof BodyLimitException limit) {
            FieldError error = new FieldError(limit.pointer(), limit.code(),
                    messages.forField(limit.pointer(), limit.code(), java.util.Optional.empty(), locale, limit.limit()));
            respond(ctx, limit.status(), limit.code(), error.message(), List.of(error));
            return;
        }
        if (e.status() == 503) {
            ctx.header("Retry-After", "5");
        }
        respond(ctx, e.status(), e.code(), messages.general(e.code(), locale), List.of());
    }

    public void http(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String code = switch (status) {
            case 413 -> "bodyTooLarge";
            case 404 -> "notFound";
            case 405 -> "methodNotAllowed";
            case 415 -> "unsupportedMediaType";
            default -> status >= 500 ? "internal" : "invalidRequest";
        };
        respond(ctx, status, code, messages.general(code, RequestLocale.of(ctx)), List.of());
    }

    public void unexpected(Exception e, Context ctx) {
        if (databaseUnreachable(e)) {
            // Not a bug here: the pool waited its time-out for a connection, or the connection broke.
            LOG.warn("Database unavailable on {} {}: {}", ctx.method(), org.dossier.web.metrics.RequestObservation.route(ctx), e.toString());
            ctx.header("Retry-After", "5");
            respond(ctx, 503, DatabaseGate.DatabaseUnavailableException.CODE,
                    messages.general(DatabaseGate.DatabaseUnavailableException.CODE, RequestLocale.of(ctx)), List.of());
            return;
        }
        // The route's template, not the path: the log holds no id a person could be found by.
        LOG.error("Unhandled error on {} {}", ctx.method(), org.dossier.web.metrics.RequestObservation.route(ctx), e);
        respond(ctx, 500, "internal", messages.general("internal", RequestLocale.of(ctx)), List.of());
    }

    private static boolean databaseUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** For status codes set without an exception (e.g. 404 for an unknown route). */
    public void status(Context ctx, int status, String code) {
        respond(ctx, status, code, messages.general(code, RequestLocale.of(ctx)), List.of());
    }

    private void respond(Context ctx, int status, String code, String message, List<FieldError> fieldErrors) {
        if (wantsJson(ctx)) {
            List<Map<String, Object>> errors = fieldErrors.isEmpty()
                    ? List.of(Map.of("code", code, "message", message))
                    : fieldErrors.stream().map(ErrorMapper::fieldError).toList();
            json.respond(ctx, status, Map.of("errors", errors));
            return;
        }
        Locale locale = RequestLocale.of(ctx);
        templates.respond(ctx.status(status), "pages/error", PageModel.of(
                new LinkedHashMap<>(Pages.layout(ctx, locale, messages.general("title", locale))),
                new ErrorPage(status, message)), locale);
    }

    /** {@code pages/error}: the status and what went wrong, in the user's words. */
    private record ErrorPage(int status, String message) {}

    private static Map<String, Object> fieldError(FieldError error) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("path", error.path());
        map.put("code", error.code());
        map.put("message", error.message());
        return map;
    }

    static boolean wantsJson(Context ctx) {
        if (ctx.path().startsWith("/api/")) {
            return true;
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
