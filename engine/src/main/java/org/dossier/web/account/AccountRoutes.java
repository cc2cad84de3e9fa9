package org.dossier.web.account;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static org.dossier.account.Permission.MANAGE_USERS;

import org.dossier.Services;
import org.dossier.web.WebKit;
import org.dossier.web.auth.AccessRoutes;
import org.dossier.web.auth.Csrf;
import org.dossier.web.signon.SignOnRoutes;

/** Sign-in, the token API, the home page, one's account and invitations, and a service's users. Registered through {@link AccessRoutes}, each route with who may call it. */
public final class AccountRoutes {
    private AccountRoutes() {}

    public static void register(AccessRoutes access, Services services, WebKit web, Csrf csrf) {
        LoginPages login = new LoginPages(services.accounts(), web.formBody(), services.messages(), services.sessions(),
                web.templates(), csrf, access.kept(), SignOnRoutes.service(services, web));
        AuthApi auth = new AuthApi(web.json(), services.tokenService(), web.signOn().settings());
        HomePage home = new HomePage(services.accounts(), services.invitations(), web.templates(), services.tenants());
        AccountPages account = new AccountPages(services.accounts(), web.formBody(), services.invitations(), services.messages(),
                services.passwords(), web.templates(), services.tenants(), services.tokenService(), services.tokens());
        UserAdminPages users = new UserAdminPages(services.accounts(), web.formBody(), services.invitations(), services.messages(),
                web.templates());

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
        access.tenant(GET, "/t/{tenant}/admin/users", MANAGE_USERS, users::list);
        access.tenant(POST, "/t/{tenant}/admin/users", MANAGE_USERS, users::create);
        access.tenant(GET, "/t/{tenant}/admin/users/{userId}", MANAGE_USERS, users::editForm);
        access.tenant(POST, "/t/{tenant}/admin/users/{userId}", MANAGE_USERS, users::update);
        access.tenant(POST, "/t/{tenant}/admin/users/{userId}/withdraw", MANAGE_USERS, users::withdraw);
    }
}
