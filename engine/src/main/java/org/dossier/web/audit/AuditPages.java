package org.dossier.web.audit;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.audit.AuditQuery;
import org.dossier.audit.AuditReader;
import org.dossier.account.TenantAccess;
import org.dossier.tenant.Tenant;
import org.dossier.web.Pages;
import org.dossier.web.RequestLocale;
import org.dossier.web.RequestParams;
import org.dossier.web.UiText;
import org.dossier.web.auth.Principal;
import org.dossier.web.Dates;
import org.dossier.tenant.TenantService;
import org.dossier.web.view.PageModel;
import org.dossier.web.view.PebbleTemplates;

/** The audit log, filterable by user, action and dates: a service's for its admin, all of it for a super-admin. */
public final class AuditPages {
    private final AuditReader auditReader;
    private final PebbleTemplates templates;
    private final TenantService tenants;

    public AuditPages(AuditReader auditReader, PebbleTemplates templates, TenantService tenants) {
        this.auditReader = auditReader;
        this.templates = templates;
        this.tenants = tenants;
    }

    /** One line of the table. */
    public record Row(String service, String time, String actor, String action, String target, String address,
                      String details) {}

    public void ofTenant(Context ctx, TenantAccess access) {
        AuditQuery query = query(ctx);
        AuditReader.Page page = auditReader.ofTenant(access.tenant().id(), query);
        render(ctx, page, query, "/t/" + access.tenant().slug() + "/admin/audit", false);
    }

    public void ofPlatform(Context ctx, Principal principal) {
        AuditQuery query = query(ctx);
        render(ctx, auditReader.ofPlatform(query), query, "/admin/audit", true);
    }

    private void render(Context ctx, AuditReader.Page page, AuditQuery query, String url, boolean platform) {
        Locale locale = RequestLocale.of(ctx);
        Map<Long, String> names = tenants.listAll().stream()
                .collect(Collectors.toMap(tenant -> tenant.id().value(), Tenant::name));
        Function<AuditEvent, String> service = event -> event.tenantId() == AuditLog.PLATFORM_TENANT
                ? UiText.get(locale, "audit.platform") : names.getOrDefault(event.tenantId(), "#" + event.tenantId());
        List<Row> rows = page.events().stream().map(event -> new Row(service.apply(event),
                Dates.time(event.occurredAt(), locale), event.actor(), event.action(),
                event.targetType() == null ? "" : event.targetType() + (event.targetId() == null ? "" : " " + event.targetId()),
                event.clientAddress() == null ? "" : event.clientAddress(),
                event.details() == null ? "" : event.details())).toList();
        Map<String, String> filters = Map.of(
                "actor", query.actor().orElse(""),
                "action", query.action().orElse(""),
                "from", query.from().map(LocalDate::toString).orElse(""),
                "to", query.to().map(LocalDate::toString).orElse(""));
        AuditPageModels.AuditPage model = new AuditPageModels.AuditPage(rows, platform, filters, url, query.page(),
                query.page() > 1 ? pageUrl(url, query, query.page() - 1) : "",
                page.hasNext() ? pageUrl(url, query, query.page() + 1) : "");
        String title = UiText.get(locale, platform ? "audit.platform.title" : "audit.title");
        templates.respond(ctx, "pages/audit", PageModel.of(Pages.layout(ctx, locale, title), model), locale);
    }

    private static AuditQuery query(Context ctx) {
        return new AuditQuery(text(ctx, "actor"), text(ctx, "action"), date(ctx, "from"), date(ctx, "to"),
                RequestParams.pageNumber(ctx.queryParam("page")));
    }

    private static String pageUrl(String url, AuditQuery query, int page) {
        Map<String, String> params = new LinkedHashMap<>();
        query.actor().ifPresent(value -> params.put("actor", value));
        query.action().ifPresent(value -> params.put("action", value));
        query.from().ifPresent(value -> params.put("from", value.toString()));
        query.to().ifPresent(value -> params.put("to", value.toString()));
        params.put("page", Integer.toString(page));
        return url + "?" + params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + Pages.encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Optional<String> text(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> value.length() > 254 ? value.substring(0, 254) : value);
    }

    /** A date the browser's date input sends; anything unreadable is ignored rather than refused. */
    private static Optional<LocalDate> date(Context ctx, String name) {
        return text(ctx, name).flatMap(value -> {
            try {
                return Optional.of(LocalDate.parse(value));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

}
