package org.dossier.signon;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * How people sign in: with their Dossier password, through an OpenID Connect provider, or both.
 *
 * @param provider      the identity provider, when {@code DOSSIER_OIDC_ISSUER} is set; none by default
 * @param passwordLogin whether the password form is offered ({@code DOSSIER_PASSWORD_LOGIN=off} turns it
 *                      off, which only makes sense with a provider)
 */
public record SignOnSettings(Optional<Provider> provider, boolean passwordLogin) {

    public SignOnSettings {
        provider = provider == null ? Optional.empty() : provider;
        if (!passwordLogin && provider.isEmpty()) {
            throw new IllegalArgumentException(
                    "DOSSIER_PASSWORD_LOGIN=off needs DOSSIER_OIDC_ISSUER: nobody could sign in");
        }
    }

    /**
     * An OpenID Connect provider and this server's registration there.
     *
     * @param issuer              the provider's issuer URL; its discovery document is read from
     *                            {@code <issuer>/.well-known/openid-configuration}
     * @param redirectUri         this server's callback as registered at the provider,
     *                            {@code https://<host>/auth/oidc/callback}
     * @param scopes              asked for, space-separated; {@code openid email profile} by default
     * @param name                the button's text ("ProConnect", "Keycloak"…)
     * @param emailsVerified      the provider only ever asserts verified e-mails, so an absent
     *                            {@code email_verified} claim is taken as true (ProConnect); an explicit
     *                            {@code false} is refused all the same
     * @param acrValues           the {@code acr_values} to ask for, if any (e.g. {@code eidas1})
     * @param clientAuth          how the secret goes to the token endpoint: {@code basic} or {@code post};
     *                            empty to follow the provider's metadata (Basic when it is offered)
     */
    public record Provider(URI issuer, String clientId, String clientSecret, URI redirectUri, String scopes,
                           String name, boolean emailsVerified, Optional<String> acrValues, Optional<String> clientAuth) {
        public Provider {
            clientAuth = clientAuth == null ? Optional.empty() : clientAuth.map(String::toLowerCase);
            if (clientAuth.isPresent() && !clientAuth.get().equals("basic") && !clientAuth.get().equals("post")) {
                throw new IllegalArgumentException("DOSSIER_OIDC_CLIENT_AUTH is basic or post, not " + clientAuth.get());
            }
            if (!Arrays.asList(scopes.split("\\s+")).contains("openid")) {
                throw new IllegalArgumentException("DOSSIER_OIDC_SCOPES must include openid: " + scopes);
            }
        }
    }

    /** Passwords only, no provider: the default. */
    public static SignOnSettings passwordOnly() {
        return new SignOnSettings(Optional.empty(), true);
    }

    public static SignOnSettings fromMap(Map<String, String> env) {
        boolean passwordLogin = !"off".equalsIgnoreCase(value(env, "DOSSIER_PASSWORD_LOGIN").orElse("on"));
        Optional<String> issuer = value(env, "DOSSIER_OIDC_ISSUER");
        if (issuer.isEmpty()) {
            return new SignOnSettings(Optional.empty(), passwordLogin);
        }
        Provider provider = new Provider(
                URI.create(issuer.get()),
                required(env, "DOSSIER_OIDC_CLIENT_ID"),
                required(env, "DOSSIER_OIDC_CLIENT_SECRET"),
                URI.create(required(env, "DOSSIER_OIDC_REDIRECT_URI")),
                value(env, "DOSSIER_OIDC_SCOPES").orElse("openid email profile"),
                value(env, "DOSSIER_OIDC_NAME").orElse("SSO"),
                value(env, "DOSSIER_OIDC_EMAILS_VERIFIED").map("true"::equalsIgnoreCase).orElse(false),
                value(env, "DOSSIER_OIDC_ACR_VALUES"),
                value(env, "DOSSIER_OIDC_CLIENT_AUTH"));
        return new SignOnSettings(Optional.of(provider), passwordLogin);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(text -> !text.isEmpty());
    }

    private static String required(Map<String, String> env, String name) {
        return value(env, name).orElseThrow(() -> new IllegalArgumentException(
                name + " is required when DOSSIER_OIDC_ISSUER is set"));
    }
}
