package io.caitune.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The fixed test users of application.properties ({@code %test.quarkus.security.users.embedded.*}). */
public final class Users {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private Users() {
    }

    /** The password of a test user: its name. */
    public static String password(String user) {
        return user;
    }

    /** A request as {@code user}, whatever the default authentication is. */
    public static RequestSpecification as(String user) {
        return RestAssured.given().auth().preemptive().basic(user, password(user));
    }

    /** A request without credentials. */
    public static RequestSpecification anonymous() {
        return RestAssured.given().auth().none();
    }
}
