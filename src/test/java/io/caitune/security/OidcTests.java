package io.caitune.security;

import io.caitune.testing.Api;
import io.caitune.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;

/** Bearer tokens of an OIDC identity provider (a stub over HTTP): roles from the configured claim. */
@QuarkusTest
@TestProfile(OidcProfile.class)
class OidcTests {

    OidcStub idp;

    @Test
    void shouldAcceptAValidTokenAndTakeRolesFromItsClaim() {
        bearer(idp.token("alice", List.of("operator"))).contentType(ContentType.JSON).body(Api.CONSTITUTION)
                .post("/api/constitutions").then().statusCode(201).body("createdBy", equalTo("alice"));
        // operator implies viewer, not admin
        bearer(idp.token("alice", List.of("operator"))).get("/api/constitutions").then().statusCode(200);
        bearer(idp.token("alice", List.of("operator"))).contentType(ContentType.JSON).body("{}")
                .post("/api/models").then().statusCode(403);
        bearer(idp.token("root", List.of("admin", "unrelated"))).contentType(ContentType.JSON).body("{}")
                .post("/api/models").then().statusCode(400);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        bearer(idp.token("alice", List.of("admin"), idp.issuer(), Instant.now().minusSeconds(60)))
                .get("/api/runs").then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenOfAnotherIssuer() {
        bearer(idp.token("alice", List.of("admin"), "http://evil.example/realms/cai", Instant.now().plusSeconds(300)))
                .get("/api/runs").then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenWithoutTheRole() {
        bearer(idp.token("bob", List.of())).get("/api/runs").then().statusCode(403);
        bearer(idp.token("bob", List.of("viewer"))).get("/api/runs").then().statusCode(200);
        bearer(idp.token("bob", List.of("viewer"))).contentType(ContentType.JSON).body(Api.CONSTITUTION)
                .post("/api/constitutions").then().statusCode(403);
        Users.anonymous().get("/api/runs").then().statusCode(401);
    }

    @Test
    void shouldStillAcceptTheConfiguredUsersOverBasic() {
        Users.as(Users.VIEWER).get("/api/runs").then().statusCode(200);
    }

    private static RequestSpecification bearer(String token) {
        return Users.anonymous().header("Authorization", "Bearer " + token);
    }
}
