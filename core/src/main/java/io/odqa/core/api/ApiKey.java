package io.odqa.core.api;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a client proves its right to change the platform: the key travels in the {@link #HEADER}
 * header (or as {@code Authorization: Bearer <key>}); services store only its {@link #sha256}.
 * Command-line tools and benchmarks read their key from the {@link #ENV} environment variable.
 */
public final class ApiKey {
  /** The request header that carries the key. */
  public static final String HEADER = "X-API-Key";
  /** The environment variable a client reads its key from. */
  public static final String ENV = "ODQA_API_KEY";

  private ApiKey() {}

  /** The key in {@link #ENV}, if set and not blank. */
  public static Optional<String> fromEnvironment() {
    return Optional.ofNullable(System.getenv(ENV)).map(String::strip).filter(k -> !k.isEmpty());
  }

  /** {@code request} with {@code key} in {@link #HEADER}, when there is a key. */
  public static HttpRequest.Builder attach(HttpRequest.Builder request, Optional<String> key) {
    key.ifPresent(k -> request.header(HEADER, k));
    return request;
  }

  /** Lower-case hex SHA-256 of the key's UTF-8 bytes: the form services keep a key in. */
  public static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
