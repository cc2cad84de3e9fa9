package org.dossier.web;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;
import static org.dossier.account.Permission.DELETE_RECORDS;
import static org.dossier.account.Permission.CUSTOMISE_SERVICE;
import static org.dossier.account.Permission.MANAGE_USERS;
import static org.dossier.account.Permission.READ_AUDIT;
import static org.dossier.account.Permission.READ_RECORDS;
import static org.dossier.account.Permission.WRITE_RECORDS;

import io.javalin.config.RoutesConfig;
import java.util.List;
import org.dossier.Services;
import org.dossier.web.account.AuthApi;
import org.dossier.web.platform.LifecycleApi;
import org.dossier.web.platform.PlatformApi;
import org.dossier.web.records.RecordApi;
import org.dossier.web.auth.AccessRoutes;
import org.dossier.web.auth.Authenticator;
import org.dossier.web.auth.Csrf;
import org.dossier.web.account.AccountPages;
import org.dossier.web.audit.AuditPages;
import org.dossier.web.branding.BrandingPages;
import org.dossier.web.designer.UpdatesPages;
import org.dossier.web.designer.DesignerPages;
import org.dossier.web.account.HomePage;
import org.dossier.web.platform.LifecyclePages;
import org.dossier.web.account.LoginPages;
import org.dossier.web.modules.ModulePages;
import org.dossier.web.platform.PlatformPages;
import org.dossier.web.records.RecordPages;
import org.dossier.web.platform.StatisticsPages;
import org.dossier.web.account.UserAdminPages;
import org.dossier.web.branding.BrandCss;

/**
 * Every route of the application, in one block, each with who may call it. Routes are only
 * registered through {@link AccessRoutes}; the isolation suite fails on any route it does not know.
 */
public final class Routes {
    private Routes() {}

    /** @return how each route is guarded, in registration order */
    public static List<AccessRoutes.Rule> register(RoutesConfig routes, Services services, WebKit web) {
        Csrf csrf = new Csrf(web.formBody(), services.loginFormTokens());
        AccessRoutes access = new AccessRoutes(routes, new Authenticator(services.sessions(), services.tokens()), csrf,
                services.tenants(), services.modules());
        HealthController health = new HealthController(services.readiness(), web.json());
        LoginPages login = new LoginPages(services.accounts(), web.formBody(), services.messages(), services.sessions(),
                web.templates(), csrf);
        AccountPages account = new AccountPages(services.accounts(), web.formBody(), services.invitations(), services.messages(),
                services.passwords(), web.templates(), services.tenants(), services.tokenService(), services.tokens());
        HomePage home = new HomePage(services.accounts(), services.invitations(), web.templates(), services.tenants());
        BrandCss brand = new BrandCss();
        RecordPages records = new RecordPages(services.coercer(), web.formBody(), services.forms(), web.json(),
                services.messages(), services.records(), services.renderer(), web.templates());
        UserAdminPages users = new UserAdminPages(services.accounts(), web.formBody(), services.invitations(), services.messages(),
                web.templates());
        AuditPages audit = new AuditPages(services.auditReader(), web.templates(), services.tenants());
        PlatformPages platform = new PlatformPages(web.formBody(), services.messages(), services.onboarding(), web.templates(),
                services.tenants());
        StatisticsPages statistics = new StatisticsPages(services.statistics(), services.statisticsExports(), web.templates(),
                services.tenants());
        DesignerPages designer = new DesignerPages(services.designer(), web.formBody(), services.forms(), web.json(),
                services.renderer(), web.templates(), services.upstreams());
        UpdatesPages updates = new UpdatesPages(services.designer(), web.formBody(), web.templates(), services.tenants(),
                services.upstreams());
        BrandingPages branding = new BrandingPages(services.branding(), services.logos(), services.messages(), web.templates(),
                services.tenants());
        ModulePages modulePages = new ModulePages(services.forms(), services.modules(), services.renderer(), services.reports(),
                web.templates());
        AuthApi auth = new AuthApi(web.json(), services.tokenService());
        PlatformApi platformApi = new PlatformApi(web.json(), services.onboarding());
        RecordApi api = new RecordApi(services.forms(), services.records(), web.json());
        LifecyclePages lifecycle = new LifecyclePages(web.formBody(), services.messages(), web.templates(),
                services.tenants(), platform, services.suspension(), services.deletion());
        LifecycleApi lifecycleApi = new LifecycleApi(web.json(), services.suspension(), services.deletion());

        access.open(GET, "/health/live", health::live);
        access.open(GET, "/health/ready", health::ready);
        access.open(GET, "/login", login::form);
        access.open(POST, "/login", login::login);
        access.open(POST, "/api/v1/auth/token", auth::token);

        access.user(GET, "/", home::show);
        access.user(POST, "/logout", login::logout);
        access.user(GET, "/account", account::overview);
        access.user(GET, "/account/password", account::passwordForm);
        access.user(POST, "/account/password", account::changePassword);
        access.user(GET, "/account/tokens", account::tokens);
        access.user(POST, "/account/tokens", account::createToken);
        access.user(POST, "/account/tokens/{tokenId}/revoke", account::revokeToken);
        access.user(POST, "/account/invitations/{service}/accept", account::acceptInvitation);
        access.user(POST, "/account/invitations/{service}/decline", account::declineInvitation);

        access.tenant(GET, "/t/{tenant}/brand.css", null, brand::serve);
        access.tenant(GET, "/t/{tenant}/logo", null, branding::logo);
        access.tenant(GET, "/t/{tenant}/records", READ_RECORDS, records::list);
        access.tenant(POST, "/t/{tenant}/records", WRITE_RECORDS, records::create);
        access.tenant(GET, "/t/{tenant}/records/new", WRITE_RECORDS, records::newForm);
        access.tenant(GET, "/t/{tenant}/records/{id}", READ_RECORDS, records::view);
        access.tenant(POST, "/t/{tenant}/records/{id}", WRITE_RECORDS, records::update);
        access.tenant(GET, "/t/{tenant}/records/{id}/edit", WRITE_RECORDS, records::editForm);
        access.tenant(GET, "/t/{tenant}/records/{id}/delete", DELETE_RECORDS, records::confirmDelete);
        access.tenant(POST, "/t/{tenant}/records/{id}/delete", DELETE_RECORDS, records::delete);
        access.tenant(GET, "/t/{tenant}/evictions", READ_RECORDS, modulePages::evictions);
        access.tenant(GET, "/t/{tenant}/dashboard", READ_RECORDS, modulePages::dashboard);
        access.tenant(GET, "/t/{tenant}/admin/users", MANAGE_USERS, users::list);
        access.tenant(POST, "/t/{tenant}/admin/users", MANAGE_USERS, users::create);
        access.tenant(GET, "/t/{tenant}/admin/users/{userId}", MANAGE_USERS, users::editForm);
        access.tenant(POST, "/t/{tenant}/admin/users/{userId}", MANAGE_USERS, users::update);
        access.tenant(POST, "/t/{tenant}/admin/users/{userId}/withdraw", MANAGE_USERS, users::withdraw);
        access.tenant(GET, "/t/{tenant}/admin/audit", READ_AUDIT, audit::ofTenant);
        access.tenant(GET, "/t/{tenant}/admin/branding", CUSTOMISE_SERVICE, branding::show);
        access.tenant(POST, "/t/{tenant}/admin/branding", CUSTOMISE_SERVICE, branding::save);
        access.tenant(GET, "/t/{tenant}/admin/form", CUSTOMISE_SERVICE, designer::show);
        access.tenant(POST, "/t/{tenant}/admin/form", CUSTOMISE_SERVICE, designer::save);
        access.tenant(POST, "/t/{tenant}/admin/form/custom-fields", CUSTOMISE_SERVICE, designer::addCustomField);
        access.tenant(GET, "/t/{tenant}/admin/form/custom-fields/{key}", CUSTOMISE_SERVICE, designer::editCustomField);
        access.tenant(POST, "/t/{tenant}/admin/form/custom-fields/{key}", CUSTOMISE_SERVICE, designer::updateCustomField);
        access.tenant(POST, "/t/{tenant}/admin/form/custom-fields/{key}/remove", CUSTOMISE_SERVICE, designer::removeCustomField);
        access.tenant(GET, "/t/{tenant}/admin/form/preview", CUSTOMISE_SERVICE, designer::preview);
        access.tenant(POST, "/t/{tenant}/admin/form/preview", CUSTOMISE_SERVICE, designer::previewFragment);
        access.tenant(GET, "/t/{tenant}/admin/form/publish", CUSTOMISE_SERVICE, designer::confirmPublish);
        access.tenant(POST, "/t/{tenant}/admin/form/publish", CUSTOMISE_SERVICE, designer::publish);
        access.tenant(GET, "/t/{tenant}/admin/form/history", CUSTOMISE_SERVICE, designer::history);
        access.tenant(GET, "/t/{tenant}/admin/form/updates", CUSTOMISE_SERVICE, updates::show);
        access.tenant(POST, "/t/{tenant}/admin/form/updates", CUSTOMISE_SERVICE, updates::pull);
        access.tenant(POST, "/t/{tenant}/admin/form/history/{version}/restore", CUSTOMISE_SERVICE, designer::restore);

        access.tenant(GET, "/api/v1/tenants/{tenant}/forms/{form}", READ_RECORDS, api::getForm);
        access.tenant(GET, "/api/v1/tenants/{tenant}/records", READ_RECORDS, api::search);
        access.tenant(POST, "/api/v1/tenants/{tenant}/records", WRITE_RECORDS, api::create);
        access.tenant(GET, "/api/v1/tenants/{tenant}/records/{id}", READ_RECORDS, api::get);
        access.tenant(PUT, "/api/v1/tenants/{tenant}/records/{id}", WRITE_RECORDS, api::update);
        access.tenant(DELETE, "/api/v1/tenants/{tenant}/records/{id}", DELETE_RECORDS, api::delete);

        access.platform(GET, "/admin/services", platform::list);
        access.platform(POST, "/admin/services", platform::create);
        access.platform(POST, "/admin/services/clone", platform::cloneService);
        access.platform(POST, "/admin/services/{slug}/template", platform::markTemplate);
        access.platform(POST, "/api/v1/tenants", platformApi::cloneService);
        access.platform(GET, "/admin/audit", audit::ofPlatform);
        access.platform(POST, "/admin/services/{slug}/suspend", lifecycle::suspend);
        access.platform(POST, "/admin/services/{slug}/resume", lifecycle::resume);
        access.platform(GET, "/admin/services/{slug}/delete", lifecycle::confirmDelete);
        access.platform(POST, "/admin/services/{slug}/delete", lifecycle::delete);
        access.platform(POST, "/api/v1/tenants/{slug}/suspend", lifecycleApi::suspend);
        access.platform(POST, "/api/v1/tenants/{slug}/resume", lifecycleApi::resume);
        access.platform(DELETE, "/api/v1/tenants/{slug}", lifecycleApi::delete);
        access.platform(GET, "/admin/stats", statistics::page);
        access.platform(GET, "/admin/stats/services.csv", statistics::servicesCsv);
        access.platform(GET, "/admin/stats/months.csv", statistics::monthsCsv);
        access.platform(GET, "/admin/stats/breakdowns.csv", statistics::breakdownsCsv);
        return access.rules();
    }
}
