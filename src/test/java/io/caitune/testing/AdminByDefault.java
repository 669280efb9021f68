package io.caitune.testing;

import io.quarkus.test.junit.callback.QuarkusTestAfterConstructCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Every Quarkus test talks to the API as {@code admin} unless a request says otherwise ({@link Users#as},
 * {@link Users#anonymous}): registered once for the whole test JVM in META-INF/services, so tests that are not
 * about security need no credentials. Set when a test instance is made (before its {@code @BeforeEach} methods)
 * and again before each test.
 */
public class AdminByDefault implements QuarkusTestAfterConstructCallback, QuarkusTestBeforeEachCallback {

    @Override
    public void afterConstruct(Object testInstance) {
        signInAsAdmin();
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        signInAsAdmin();
    }

    private static void signInAsAdmin() {
        RestAssured.authentication = RestAssured.preemptive().basic(Users.ADMIN, Users.password(Users.ADMIN));
    }
}
