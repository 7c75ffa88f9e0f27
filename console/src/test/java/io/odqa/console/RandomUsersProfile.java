package io.odqa.console;

import io.odqa.core.api.ApiKey;
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
  /** API keys with the same roles: the services' mechanism, accepted by the console too. */
  public static final String OPERATOR_KEY = UUID.randomUUID().toString();
  public static final String VIEWER_KEY = UUID.randomUUID().toString();

  @Override
  public Map<String, String> getConfigOverrides() {
    String closed = "http://127.0.0.1:9";
    return Map.ofEntries(
        Map.entry("odqa.security.api-keys", "key-op:operator|viewer:" + ApiKey.sha256(OPERATOR_KEY)
            + ",key-vw:viewer:" + ApiKey.sha256(VIEWER_KEY)),
        Map.entry("quarkus.security.users.embedded.users.op", hash("op", OPERATOR_PASSWORD)),
        Map.entry("quarkus.security.users.embedded.roles.op", "operator,viewer"),
        Map.entry("quarkus.security.users.embedded.users.vw", hash("vw", VIEWER_PASSWORD)),
        Map.entry("quarkus.security.users.embedded.roles.vw", "viewer"),
        Map.entry("odqa.console.qa-url", closed),
        Map.entry("odqa.console.ingest-url", closed),
        Map.entry("odqa.console.feedback-url", closed),
        Map.entry("quarkus.http.auth.session.encryption-key",
            UUID.randomUUID() + "-" + UUID.randomUUID()));
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
