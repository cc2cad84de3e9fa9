package org.dossier.web.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.dossier.DomainException;
import org.dossier.account.Membership;
import org.dossier.account.Permission;
import org.dossier.account.TenantAccess;
import org.dossier.modules.Modules;
import org.dossier.tenant.NoSuchTenantException;
import org.dossier.tenant.ServiceSuspendedException;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;
import org.dossier.tenant.TenantService;
import org.dossier.web.Pages;
import org.dossier.web.RequestContext;
import org.dossier.web.keep.KeptPosts;

/**
 * The one way routes are registered: each declares who may call it, and the check runs before its
 * handler. A tenant route's handler receives the {@link TenantAccess} for the URL's tenant, built
 * only after the caller's membership was checked: it has no other way to learn its tenant.
 *
 * <ul>
 *   <li>public: anyone (health, login, static brand stylesheet);</li>
 *   <li>authenticated: any signed-in user (own account, logout);</li>
 *   <li>tenant: a member of the URL's service holding a permission. A non-member gets 404, as for
 *       a service that does not exist, so existence does not leak; a member lacking the
 *       permission gets 403; a member of a suspended service gets 403 with a message saying so;</li>
 *   <li>platform: super-admins only.</li>
 * </ul>
 * Signed-in page requests that change state must carry the session's CSRF token. A page post
 * without a live session to a route whose form page was declared to {@link KeptPosts} is kept
 * for its person when they can be known for sure, and the browser is sent to sign in again.
 */
public final class AccessRoutes {
    public enum Access { PUBLIC, AUTHENTICATED, TENANT, PLATFORM }

    /** How one route is guarded; {@code permission} is null unless {@code access} is TENANT. */
    public record Rule(HandlerType method, String path, Access access, Permission permission) {}

    @FunctionalInterface
    public interface UserHandler {
        void handle(Context ctx, Principal principal) throws Exception;
    }

    @FunctionalInterface
    public interface TenantHandler {
        void handle(Context ctx, TenantAccess access) throws Exception;
    }

    private static final String PASSWORD_PAGE = "/account/password";

    private final RoutesConfig routes;
    private final Authenticator authenticator;
    private final Csrf csrf;
    private final TenantService tenants;
    private final List<Rule> rules = new ArrayList<>();

    private final Modules modules;
    private final KeptPosts kept;

    public AccessRoutes(RoutesConfig routes, Authenticator authenticator, Csrf csrf, TenantService tenants,
                        Modules modules, KeptPosts kept) {
        this.modules = modules;
        this.kept = kept;
        this.routes = routes;
        this.authenticator = authenticator;
        this.csrf = csrf;
        this.tenants = tenants;
    }

    /** Where feature routes declare which page shows again a form posted after its session expired. */
    public KeptPosts kept() {
        return kept;
    }

    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    public void open(HandlerType method, String path, Handler handler) {
        add(method, path, Access.PUBLIC, null, handler);
    }

    public void user(HandlerType method, String path, UserHandler handler) {
        add(method, path, Access.AUTHENTICATED, null, ctx -> handler.handle(ctx, signedIn(ctx, method, path)));
    }

    public void platform(HandlerType method, String path, UserHandler handler) {
        add(method, path, Access.PLATFORM, null, ctx -> {
            Principal principal = signedIn(ctx, method, path);
            if (!principal.user().superAdmin()) {
                throw new DomainException("forbidden", 403, "super-admins only");
            }
            handler.handle(ctx, principal);
        });
    }

    /** A route of the URL's service; a null permission admits any member (and a super-admin). */
    public void tenant(HandlerType method, String path, Permission permission, TenantHandler handler) {
        add(method, path, Access.TENANT, permission, ctx -> {
            String slug = ctx.pathParam("tenant");
            Optional<Tenant> found = tenants.find(slug);
            Principal principal = signedIn(ctx, method, path, found.map(Tenant::id).orElse(null));
            Tenant tenant = found.orElseThrow(() -> new NoSuchTenantException(slug));
            Optional<Membership> membership = principal.membership().filter(Membership::active);
            TenantAccess access = new TenantAccess(tenant, principal.user(), membership);
            if (!access.admitted()) {
                throw new NoSuchTenantException(slug);
            }
            if (tenant.suspended() && !readableWhileSuspended(principal, method, permission)) {
                throw new ServiceSuspendedException(slug);
            }
            RequestContext.admit(ctx, access);
            RequestContext.modulesOn(ctx, modulesOn(tenant));
            if (permission != null && !access.can(permission)) {
                throw new DomainException("forbidden", 403, "the role lacks " + permission);
            }
            handler.handle(ctx, access);
        });
    }

    /**
     * A suspended service is closed to its members, on every page and API call, open sessions and
     * tokens included: the tenant is looked up on each request (at once on the node that suspended
     * it, within the lookup cache's few seconds on the others). A super-admin may still read
     * its audit log (with the stylesheet and logo the page uses), to see what happened before
     * resuming or deleting it; nothing can be written to it.
     */
    private static boolean readableWhileSuspended(Principal principal, HandlerType method, Permission permission) {
        return principal.user().superAdmin() && method.equals(HandlerType.GET)
                && (permission == null || permission == Permission.READ_AUDIT);
    }

    private java.util.Set<String> modulesOn(Tenant tenant) {
        java.util.Set<String> on = new java.util.LinkedHashSet<>();
        for (String module : Modules.ALL) {
            if (modules.isOn(tenant.id(), module)) {
                on.add(module);
            }
        }
        return on;
    }

    private void add(HandlerType method, String path, Access access, Permission permission, Handler handler) {
        rules.add(new Rule(method, path, access, permission));
        routes.addHttpHandler(method, path, handler);
    }

    /**
     * The caller, who must be signed in; a page sends a stranger to the login page, the API answers 401.
     * A user with a one-time password may only change it (or log out) until they do.
     */
    private Principal signedIn(Context ctx, HandlerType method, String routePath) {
        return signedIn(ctx, method, routePath, null);
    }

    /** As above, reading the caller's membership in {@code tenantId} in the same query. */
    private Principal signedIn(Context ctx, HandlerType method, String routePath, TenantId tenantId) {
        Optional<Principal> principal = authenticator.principal(ctx, tenantId);
        if (principal.isEmpty()) {
            if (!Authenticator.isApi(ctx) && method.equals(HandlerType.POST) && kept.keepable(routePath)) {
                throw LoginRedirect.to(kept.onExpiredPost(ctx, routePath, tenantId));
            }
            if (Authenticator.isApi(ctx) || !method.equals(HandlerType.GET)) {
                throw new DomainException("authenticationRequired", 401, "sign in first");
            }
            throw LoginRedirect.next(ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString());
        }
        Principal caller = principal.get();
        if (caller.session().isPresent() && !method.equals(HandlerType.GET) && !method.equals(HandlerType.HEAD)) {
            csrf.require(ctx, caller.session().get().csrfToken());
        }
        if (caller.user().mustChangePassword() && !ctx.path().equals(PASSWORD_PAGE) && !ctx.path().equals("/logout")) {
            if (Authenticator.isApi(ctx)) {
                throw new DomainException("passwordChangeRequired", 403, "change the one-time password first");
            }
            throw LoginRedirect.next(null);
        }
        return caller;
    }

    /** Sends a browser to the login page (with where to come back) or to the password page. */
    public static final class LoginRedirect extends RuntimeException {
        private final String location;

        private LoginRedirect(String location) {
            super(null, null, false, false);
            this.location = location;
        }

        /** To the login page, then back to {@code next}; to the password page when {@code next} is null. */
        static LoginRedirect next(String next) {
            return new LoginRedirect(next == null ? PASSWORD_PAGE : "/login?next=" + Pages.encode(next));
        }

        static LoginRedirect to(String location) {
            return new LoginRedirect(location);
        }

        public String location() {
            return location;
        }
    }
}
