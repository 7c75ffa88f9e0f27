package io.odqa.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.odqa.console.upstream.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.BadRequestException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every state-changing console action: 401 without a login, 403 for a viewer, and past the role
 * check for an operator (the services are not running here, so the console answers 502 itself).
 * Reads: 401 without a login, allowed for a viewer.
 */
@QuarkusTest
@TestProfile(RandomUsersProfile.class)
public class ConsoleSecurityTest {
  /** A state-changing request: method, path, JSON body (or null). */
  record Action(String method, String path, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static List<Action> actions() {
    return List.of(
        new Action("POST", "/api/feedback",
            "{\"question\":\"q\",\"answer\":\"a\",\"verdict\":\"correct\"}"),
        new Action("POST", "/api/documents?collection=demo&format=jsonl",
            "{\"id\":\"x\",\"text\":\"y\"}"),
        new Action("DELETE", "/api/documents/x?collection=demo", null),
        new Action("POST", "/api/loop/jobs", "{\"kind\":\"retune\",\"collection\":\"demo\"}"),
        new Action("POST", "/api/models/reader-1/promote", null),
        new Action("POST", "/api/rollback", "{\"kind\":\"model\"}"));
  }

  static List<String> reads() {
    return List.of("/api/collections", "/api/system", "/api/feedback", "/api/feedback/timeline",
        "/api/studies", "/api/models", "/api/decisions", "/api/champion", "/api/ingest/jobs",
        "/api/loop/jobs", "/api/studies/s/trials", "/api/passages/p?collection=demo");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void actionsNeedTheOperatorRole(Action action) {
    send(given(), action).then().statusCode(401);
    send(given().cookie("quarkus-credential", login("vw", RandomUsersProfile.VIEWER_PASSWORD)),
        action).then().statusCode(403);
    send(given().cookie("quarkus-credential", login("op", RandomUsersProfile.OPERATOR_PASSWORD)),
        action).then().statusCode(502).contentType("application/problem+json")
        .body("detail", containsString("unreachable"));
    // An API key works like a login with the same roles: one mechanism with the services.
    send(given().header("X-API-Key", RandomUsersProfile.VIEWER_KEY), action).then()
        .statusCode(403);
    send(given().header("X-API-Key", RandomUsersProfile.OPERATOR_KEY), action).then()
        .statusCode(502);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reads")
  void readsNeedALoginAndAViewerMayRead(String path) {
    given().get(path).then().statusCode(401);
    given().cookie("quarkus-credential", login("vw", RandomUsersProfile.VIEWER_PASSWORD))
        .get(path).then().statusCode(not(oneOf(401, 403)));
  }

  @Test
  void wrongPasswordIsRefusedAndMeNamesTheRoles() {
    given().contentType("application/x-www-form-urlencoded")
        .formParam("j_username", "op").formParam("j_password", "wrong")
        .post("/j_security_check").then().statusCode(401);
    given().cookie("quarkus-credential", login("vw", RandomUsersProfile.VIEWER_PASSWORD))
        .get("/api/me").then().statusCode(200).body("user", equalTo("vw"))
        .body("roles", equalTo(List.of("viewer")));
  }

  @Test
  void pathSegmentsThatWouldReachAnotherEndpointAreRefused() {
    // The HTTP layer normalises an encoded dot segment away (404); what reaches the adapters is
    // refused by Upstream.segment (400). Either way nothing is forwarded (that would be 502).
    for (String path : List.of("/api/models/%2E/promote", "/api/models/%2E%2E/promote")) {
      given().cookie("quarkus-credential", login("op", RandomUsersProfile.OPERATOR_PASSWORD))
          .urlEncodingEnabled(false).post(path).then().statusCode(oneOf(400, 404));
    }
    for (String bad : List.of(".", "..", " ")) {
      assertThrows(BadRequestException.class,
          () -> Upstream.segment("model version", bad));
    }
    assertEquals("a%2Fb%20c",
        Upstream.segment("model version", "a/b c"));
  }

  @Test
  void thePagesAndTheirLibrariesAreServedWithoutALogin() {
    given().get("/").then().statusCode(200).body(containsString("ODQA console"));
    given().get("/js/app.js").then().statusCode(200);
    given().get("/webjars/echarts/5.3.1/dist/echarts.min.js").then().statusCode(200);
  }

  private static io.restassured.response.Response send(RequestSpecification spec, Action a) {
    if (a.body() != null) {
      spec = spec.contentType("application/json").body(a.body());
    }
    return spec.request(a.method(), a.path());
  }

  /** Signs in through the form and returns the session cookie's value. */
  public static String login(String user, String password) {
    return given().contentType("application/x-www-form-urlencoded")
        .formParam("j_username", user).formParam("j_password", password)
        .post("/j_security_check").then().statusCode(200)
        .extract().cookie("quarkus-credential");
  }
}
