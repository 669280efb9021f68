package io.caitune.security;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in OIDC identity provider over HTTP: discovery document and signing keys served by WireMock, access
 * tokens signed with its RSA key (what Quarkus' OIDC test server does; that module is not served here).
 */
public final class OidcStub {

    static final String REALM_PATH = "/realms/cai";

    private final WireMockServer server;
    private final RsaJsonWebKey key;

    OidcStub(WireMockServer server) {
        this.server = server;
        try {
            this.key = RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
        key.setKeyId("stub-key");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        String discovery = """
                {"issuer": "%1$s", "jwks_uri": "%1$s/protocol/openid-connect/certs",
                 "authorization_endpoint": "%1$s/protocol/openid-connect/auth",
                 "token_endpoint": "%1$s/protocol/openid-connect/token",
                 "id_token_signing_alg_values_supported": ["RS256"]}
                """.formatted(issuer());
        server.stubFor(get(urlPathEqualTo(REALM_PATH + "/.well-known/openid-configuration"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(discovery)));
        server.stubFor(get(urlPathEqualTo(REALM_PATH + "/protocol/openid-connect/certs"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"keys\": [" + key.toJson(RsaJsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}")));
    }

    public String issuer() {
        return server.baseUrl() + REALM_PATH;
    }

    /** A signed access token for {@code user} with {@code groups} in the roles claim, valid for five minutes. */
    public String token(String user, List<String> groups) {
        return token(user, groups, issuer(), Instant.now().plusSeconds(300));
    }

    public String token(String user, List<String> groups, String issuer, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(UUID.randomUUID().toString());
        claims.setClaim("preferred_username", user);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAt(NumericDate.fromSeconds(expires.getEpochSecond() - 600));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
