package org.dossier.web.account;

import java.util.List;
import java.util.Map;
import org.dossier.account.User;

/** The typed models of the account pages; each component is a variable of the page's template. */
final class AccountPageModels {
    private AccountPageModels() {}

    /** {@code pages/home}: the user's services and pending invitations. */
    record StartPage(List<HomePage.ServiceLink> services, List<HomePage.InvitationLink> invitations,
                     boolean superAdmin) {}

    /**
     * {@code pages/login}; {@code flash} replaces the layout's with the signed-out notice, or with
     * what became of a form posted on an expired session; {@code expiredPost} ({@code kept},
     * {@code lost} or empty) goes back with the form, so a mistyped password keeps that notice.
     */
    record LoginPage(String loginCsrf, String email, String error, String next, String flash, String expiredPost,
                     boolean passwordLogin, String signOnName) {}

    /** {@code pages/account}; {@code flash} replaces the layout's with the outcome of the last action. */
    record OverviewPage(User user, List<HomePage.ServiceLink> services,
                        List<HomePage.InvitationLink> invitations, String flash) {}

    /** {@code pages/account-password}. */
    record PasswordPage(String error, boolean mustChange, int minLength) {}

    /** {@code pages/account-tokens}: the personal tokens, and the secret of one just created (shown once). */
    record TokensPage(List<AccountPages.TokenRow> tokens, String error, String secret, List<Integer> days,
                      String flash) {}

    /**
     * {@code pages/admin-users}. {@code entered} stays a map: it is the posted form echoed back,
     * read by field name.
     */
    record UsersPage(List<UserAdminPages.MemberRow> members, List<UserAdminPages.RoleOption> roles, String error,
                     Map<String, String> entered, UserAdminPages.Added added, String formAction, String flash) {}

    /** {@code pages/admin-user-edit}. */
    record UserEditPage(UserAdminPages.MemberRow member, List<UserAdminPages.RoleOption> roles, String error,
                        String cancelUrl) {}
}
