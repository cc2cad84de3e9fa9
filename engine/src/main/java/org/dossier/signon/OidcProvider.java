package org.dossier.signon;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dossier.signon.SignOnRefusedException.Reason;

/**
 * One OpenID Connect provider, through the Nimbus OAuth 2.0 SDK: its metadata read once from its
 * discovery document, the authorization request (code flow, PKCE S256, state and nonce), the code
 * exchange, the ID token's validation against the keys of its {@code jwks_uri} (cached, refreshed
 * when an unknown key id shows up), and the userinfo endpoint, plain JSON or a signed JWT.
 */
public final class OidcProvider {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;
    /** Tolerated difference between the provider's clock and ours, on exp and iat. */
    private static final int CLOCK_SKEW_SECONDS = 60;

    private final SignOnSettings.Provider settings;
    private final ClientID clientId;
    private volatile Discovered discovered;

    /** The provider as its discovery document describes it, with what checks its signatures. */
    private record Discovered(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys,
                              IDTokenValidator validator) {}

    public OidcProvider(SignOnSettings.Provider settings) {
        this.settings = settings;
        this.clientId = new ClientID(settings.clientId());
    }

    public SignOnSettings.Provider settings() {
        return settings;
    }

    /** Where to send the browser to sign in. */
    public URI authorizationUri(String state, String nonce, String codeVerifier) {
        Discovered provider = discover();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                Scope.parse(settings.scopes()), clientId, settings.redirectUri())
                .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256);
        settings.acrValues().ifPresent(values -> request.acrValues(
                Arrays.stream(values.split("\\s+")).filter(value -> !value.isEmpty()).map(ACR::new).toList()));
        return request.build().toURI();
    }

    /**
     * Exchanges the code, validates the ID token, and reads the e-mail from it or else from the
     * userinfo endpoint.
     *
     * @throws SignOnRefusedException {@code PROVIDER_ERROR}, {@code INVALID_TOKEN} or {@code PROVIDER_UNAVAILABLE}
     */
    public ProviderIdentity identity(String code, String codeVerifier, String nonce) {
        Discovered provider = discover();
        OIDCTokenResponse tokens = exchange(provider, code, codeVerifier);
        IDTokenClaimsSet claims;
        try {
            claims = provider.validator().validate(tokens.getOIDCTokens().getIDToken(), new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw new SignOnRefusedException(Reason.INVALID_TOKEN, e.getMessage());
        }
        String subject = claims.getSubject().getValue();
        Optional<String> email = Optional.ofNullable(claims.getStringClaim("email")).filter(text -> !text.isBlank());
        Optional<Boolean> verified = bool(claims.getClaim("email_verified"));
        boolean needsUserInfo = email.isEmpty() || (verified.isEmpty() && !settings.emailsVerified());
        if (needsUserInfo && provider.metadata().getUserInfoEndpointURI() != null) {
            Map<String, Object> userInfo = userInfo(provider, tokens.getOIDCTokens().getAccessToken());
            if (!subject.equals(userInfo.get("sub"))) {
                // OpenID Connect Core 5.3.2: a userinfo answer about someone else is not to be used.
                throw new SignOnRefusedException(Reason.INVALID_TOKEN, "userinfo sub differs from the ID token's");
            }
            if (email.isEmpty()) {
                email = Optional.ofNullable(userInfo.get("email")).map(Object::toString).filter(text -> !text.isBlank());
                verified = bool(userInfo.get("email_verified"));
            } else {
                verified = bool(userInfo.get("email_verified"));
            }
        }
        return new ProviderIdentity(subject, email, verified, tokens.getOIDCTokens().getIDTokenString());
    }

    /**
     * Where to send the browser to end its session at the provider too (OpenID Connect RP-Initiated
     * Logout), coming back to {@code postLogoutRedirect}; empty when the provider has no
     * {@code end_session_endpoint} or cannot be reached (the local session is ended all the same).
     */
    public Optional<URI> logoutUri(String idToken, URI postLogoutRedirect) {
        Discovered provider;
        try {
            provider = discover();
        } catch (SignOnRefusedException unreachable) {
            return Optional.empty();
        }
        URI endpoint = provider.metadata().getEndSessionEndpointURI();
        if (endpoint == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogoutRequest(endpoint, JWTParser.parse(idToken), null, clientId, postLogoutRedirect,
                    new State(), null).toURI());
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private OIDCTokenResponse exchange(Discovered provider, String code, String codeVerifier) {
        TokenRequest request = new TokenRequest(provider.metadata().getTokenEndpointURI(),
                clientAuthentication(provider.metadata().getTokenEndpointAuthMethods()),
                new AuthorizationCodeGrant(new AuthorizationCode(code), settings.redirectUri(),
                        new CodeVerifier(codeVerifier)));
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(send(request.toHTTPRequest()));
        } catch (IOException e) {
            throw new SignOnRefusedException(Reason.PROVIDER_UNAVAILABLE, "token endpoint: " + e.getMessage());
        } catch (ParseException e) {
            throw new SignOnRefusedException(Reason.PROVIDER_ERROR, "token response: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            throw new SignOnRefusedException(Reason.PROVIDER_ERROR,
                    "token endpoint: " + response.toErrorResponse().getErrorObject().getCode());
        }
        if (!(response.toSuccessResponse() instanceof OIDCTokenResponse tokens)
                || tokens.getOIDCTokens().getIDToken() == null) {
            throw new SignOnRefusedException(Reason.INVALID_TOKEN, "no ID token in the token response");
        }
        return tokens;
    }

    /**
     * The client secret as configured, else in a Basic header unless the provider only takes it in
     * the body (OpenID's default is Basic).
     */
    private ClientAuthentication clientAuthentication(List<ClientAuthenticationMethod> methods) {
        Secret secret = new Secret(settings.clientSecret());
        boolean postOnly = methods != null && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        boolean post = settings.clientAuth().map("post"::equals).orElse(postOnly);
        return post ? new ClientSecretPost(clientId, secret) : new ClientSecretBasic(clientId, secret);
    }

    /** The userinfo claims, from JSON or from a JWT signed with the provider's keys (ProConnect). */
    private Map<String, Object> userInfo(Discovered provider, AccessToken accessToken) {
        UserInfoResponse response;
        try {
            response = UserInfoResponse.parse(send(
                    new UserInfoRequest(provider.metadata().getUserInfoEndpointURI(), accessToken).toHTTPRequest()));
        } catch (IOException e) {
            throw new SignOnRefusedException(Reason.PROVIDER_UNAVAILABLE, "userinfo endpoint: " + e.getMessage());
        } catch (ParseException e) {
            throw new SignOnRefusedException(Reason.PROVIDER_ERROR, "userinfo response: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            throw new SignOnRefusedException(Reason.PROVIDER_ERROR,
                    "userinfo endpoint: " + response.toErrorResponse().getErrorObject().getCode());
        }
        UserInfoSuccessResponse success = response.toSuccessResponse();
        if (success.getUserInfo() != null) {
            return success.getUserInfo().toJSONObject();
        }
        return verifiedUserInfoJwt(provider, success.getUserInfoJWT());
    }

    private Map<String, Object> verifiedUserInfoJwt(Discovered provider, JWT jwt) {
        Set<JWSAlgorithm> algorithms = signatureAlgorithms(provider.metadata().getUserInfoJWSAlgs());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, provider.keys()));
        Set<String> audiences = new HashSet<>();
        audiences.add(settings.clientId());
        audiences.add(null); // some providers leave aud out of the userinfo JWT
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audiences,
                new JWTClaimsSet.Builder().issuer(provider.metadata().getIssuer().getValue()).build(), Set.of("sub"),
                null));
        try {
            return processor.process(jwt, null).toJSONObject();
        } catch (BadJOSEException | JOSEException e) {
            throw new SignOnRefusedException(Reason.INVALID_TOKEN, "userinfo JWT: " + e.getMessage());
        }
    }

    /** The metadata, read at the first login and then kept; a failure is tried again at the next login. */
    private Discovered discover() {
        Discovered known = discovered;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (discovered == null) {
                discovered = fetchMetadata();
            }
            return discovered;
        }
    }

    private Discovered fetchMetadata() {
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
        } catch (GeneralException | IOException e) {
            throw new SignOnRefusedException(Reason.PROVIDER_UNAVAILABLE, "discovery: " + e.getMessage());
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException | NullPointerException e) {
            throw new SignOnRefusedException(Reason.PROVIDER_UNAVAILABLE, "discovery: no usable jwks_uri");
        }
        Set<JWSAlgorithm> algorithms = signatureAlgorithms(metadata.getIDTokenJWSAlgs());
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), clientId,
                new JWSVerificationKeySelector<>(algorithms, keys), null);
        validator.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        return new Discovered(metadata, keys, validator);
    }

    /** The provider's public-key algorithms (never "none" nor a shared-secret HMAC); RS256 when it names none. */
    private static Set<JWSAlgorithm> signatureAlgorithms(List<JWSAlgorithm> advertised) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        if (advertised != null) {
            advertised.stream().filter(JWSAlgorithm.Family.SIGNATURE::contains).forEach(algorithms::add);
        }
        if (algorithms.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256);
        }
        return algorithms;
    }

    private static HTTPResponse send(HTTPRequest request) throws IOException {
        request.setConnectTimeout(CONNECT_TIMEOUT_MS);
        request.setReadTimeout(READ_TIMEOUT_MS);
        return request.send();
    }

    /** A boolean claim; some providers send {@code "true"} as a string. */
    private static Optional<Boolean> bool(Object claim) {
        if (claim instanceof Boolean value) {
            return Optional.of(value);
        }
        if (claim instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        return Optional.empty();
    }
}
