package org.dossier.web.keep;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.DomainException;
import org.dossier.account.Secrets;
import org.dossier.account.Session;
import org.dossier.account.SessionStore;
import org.dossier.account.TenantAccess;
import org.dossier.audit.Actor;
import org.dossier.form.CompiledForm;
import org.dossier.keep.ConfidentialValues;
import org.dossier.keep.KeptPost;
import org.dossier.keep.KeptPostStore;
import org.dossier.tenant.TenantId;
import org.dossier.validation.FormPostCoercer;
import org.dossier.web.FormBody;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.RequestLocale;
import org.dossier.web.UiText;
import org.dossier.web.auth.Authenticator;
import org.dossier.web.auth.Cookies;
import org.dossier.web.auth.Csrf;

/**
 * What becomes of a form posted after its session expired: kept, then shown again, filled in,
 * on its form page once the same person signs in again on the same browser. Never replayed: the
 * person checks what they typed and saves it themselves (the post carried the old session's CSRF
 * token and an intent that may have changed).
 *
 * <p>A post is kept only when its person is known for sure: the browser's cookie names a session
 * that timed out (not one that was logged out) less than {@link SessionStore#EXPIRED_KEPT} ago,
 * and the post carries that session's CSRF token, so it came from that person's own page and not
 * from a forged form. Otherwise nothing is kept, and the login page says so.
 *
 * <p><b>Making a form page restore its typing</b> takes two calls. In the feature's routes,
 * say which page shows the form posted to a route (the same path when the page posts to itself):
 * <pre>{@code
 * access.kept().formAt("/t/{tenant}/records/{id}/follow-up");                  // GET and POST on one path
 * access.kept().formAt("/t/{tenant}/records/{id}", "/t/{tenant}/records/{id}/edit"); // POST here, form there
 * }</pre>
 * In the page's GET handler, ask for what was kept for it and render the form from it when
 * present, with {@link #NOTICE} shown (a case-file form: {@link #restore(Context, TenantAccess, CompiledForm)},
 * which also drops confidential values the person may no longer see; any other form:
 * {@link #restore(Context, TenantAccess)} and its raw fields):
 * <pre>{@code
 * Optional<KeptPosts.Restored> kept = keptPosts.restore(ctx, access, form);
 * JsonNode data = kept.map(KeptPosts.Restored::data).orElse(stored);
 * String notice = kept.map(k -> k.notice()).orElse("");
 * }</pre>
 */
public final class KeptPosts {
    /** The cookie holding this browser's key to its kept posts. */
    static final String BROWSER_COOKIE = "dossier_kept";
    /** The bundle key of the notice shown above a restored form. */
    public static final String NOTICE = "kept.restored";
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");

    private final KeptPostStore store;
    private final SessionStore sessions;
    private final Csrf csrf;
    private final FormBody formBody;
    private final FormPostCoercer coercer;
    /** Route path of a keepable post → path of its form page; filled while routes are registered. */
    private final Map<String, String> pages = new LinkedHashMap<>();

    public KeptPosts(KeptPostStore store, SessionStore sessions, Csrf csrf, FormBody formBody, FormPostCoercer coercer) {
        this.store = store;
        this.sessions = sessions;
        this.csrf = csrf;
        this.formBody = formBody;
        this.coercer = coercer;
    }

    /** A post to {@code routePath} is kept on expiry and shown again by the GET page of the same path. */
    public void formAt(String routePath) {
        formAt(routePath, routePath);
    }

    /** A post to {@code postRoutePath} is kept on expiry and shown again by the page at {@code pageRoutePath}. */
    public void formAt(String postRoutePath, String pageRoutePath) {
        pages.put(postRoutePath, pageRoutePath);
    }

    /** Whether posts to this route path are kept when their session expired. */
    public boolean keepable(String routePath) {
        return pages.containsKey(routePath);
    }

    /**
     * Keeps a post to a keepable route that came without a live session, if its person is known
     * for sure, and says where to send the browser: the login page, then back to the form page.
     */
    public String onExpiredPost(Context ctx, String routePath, TenantId tenantId) {
        String page = pagePath(ctx, pages.get(routePath));
        String sessionId = Cookies.read(ctx, Authenticator.SESSION_COOKIE);
        boolean kept = sessions.expired(sessionId).map(expired -> keep(ctx, expired, tenantId, page)).orElse(false);
        if (sessionId != null && !sessionId.isEmpty()) {
            Cookies.clear(ctx, Authenticator.SESSION_COOKIE);
        }
        return "/login?next=" + Pages.encode(page) + (kept ? "&kept=1" : "&lost=1");
    }

    private boolean keep(Context ctx, Session.Expired expired, TenantId tenantId, String page) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        // A form with a file field posts multipart: its typing is kept, the files it carried are not.
        if (!contentType.startsWith("application/x-www-form-urlencoded") && !contentType.startsWith("multipart/form-data")) {
            return false;
        }
        try {
            csrf.require(ctx, expired.csrfToken());
        } catch (DomainException notThatPersonsPage) {
            return false;
        }
        Map<String, List<String>> fields = new LinkedHashMap<>(formBody.parse(ctx));
        fields.remove(Csrf.FIELD);
        store.keep(browserKey(ctx), expired.user(), tenantId, page, ctx.path(), fields,
                new Actor(expired.user().email(), RequestContext.clientAddress(ctx)));
        return true;
    }

    /** This browser's key, the one its cookie holds or a new one set now. */
    private static String browserKey(Context ctx) {
        String current = Cookies.read(ctx, BROWSER_COOKIE);
        if (current != null && KEY_FORMAT.matcher(current).matches()) {
            return current;
        }
        String key = Secrets.token(32);
        Cookies.set(ctx, BROWSER_COOKIE, key);
        return key;
    }

    /** {@code pattern} with each {@code {name}} replaced by the request's path parameter. */
    private static String pagePath(Context ctx, String pattern) {
        Matcher matcher = PARAM.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(ctx.pathParam(matcher.group(1))));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /** Whether this browser holds typing kept for someone: the login page then says it is waiting. */
    public boolean waiting(Context ctx) {
        return store.waiting(Cookies.read(ctx, BROWSER_COOKIE));
    }

    /**
     * The post the signed-in person left for this page (the request's path) from this browser,
     * handed over once: the next call finds nothing. Its raw fields, as posted, CSRF token aside.
     */
    public Optional<KeptPost> restore(Context ctx, TenantAccess access) {
        return store.take(Cookies.read(ctx, BROWSER_COOKIE), access.user(), access.tenant().id(), ctx.path(),
                RequestContext.actor(ctx));
    }

    /** A case-file form's kept post as data to render, and the notice to show above it. */
    public record Restored(KeptPost post, com.fasterxml.jackson.databind.node.ObjectNode data, String notice) {}

    /**
     * As {@link #restore(Context, TenantAccess)}, read as {@code form}'s data. Confidential values
     * are kept only if the person holds the confidential grant now: one withdrawn meanwhile leaves
     * them out, and the form shows none of them.
     */
    public Optional<Restored> restore(Context ctx, TenantAccess access, CompiledForm form) {
        return restore(ctx, access, form.effectiveSchema());
    }

    /**
     * As {@link #restore(Context, TenantAccess, CompiledForm)} for a page showing part of a form:
     * the post read with the schema the page drew its controls from (a section's shown schema, a
     * row's), its confidential values dropped the same way.
     */
    public Optional<Restored> restore(Context ctx, TenantAccess access, com.fasterxml.jackson.databind.JsonNode schema) {
        Locale locale = RequestLocale.of(ctx);
        return restore(ctx, access).map(post -> {
            var data = coercer.coerce(schema, post.fields(), locale).data();
            if (!access.confidential()) {
                data = ConfidentialValues.without(schema, data);
            }
            return new Restored(post, data, UiText.get(locale, NOTICE));
        });
    }
}
