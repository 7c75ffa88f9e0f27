package io.odqa.console;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Test users with passwords made up at run time (none is committed): {@code op} with both
 * roles, {@code vw} a viewer only. The services behind the console point at a closed port, so a
 * request that passes the role check gets the console's own 502 and never reaches a service.
 */
public class RandomUsersProfile implements QuarkusTestProfile {
  public static final String OPERATOR_PASSWORD = UUID.randomUUID().toString();
  public static final String VIEWER_PASSWORD = UUID.randomUUID().toString();

  @Override
  public Map<String, String> getConfigOverrides() {
    String closed = "http://127.0.0.1:9";
    return Map.of(
        "quarkus.security.users.embedded.users.op", hash("op", OPERATOR_PASSWORD),
        "quarkus.security.users.embedded.roles.op", "operator,viewer",
        "quarkus.security.users.embedded.users.vw", hash("vw", VIEWER_PASSWORD),
        "quarkus.security.users.embedded.roles.vw", "viewer",
        "odqa.console.qa-url", closed,
        "odqa.console.ingest-url", closed,
        "odqa.console.feedback-url", closed,
        "quarkus.http.auth.session.encryption-key", UUID.randomUUID() + "-" + UUID.randomUUID());
  }

  /** HEX(SHA-256("user:Quarkus:password")), the embedded realm's digest-sha-256 form. */
  static String hash(String user, String password) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest((user + ":Quarkus:" + password).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
