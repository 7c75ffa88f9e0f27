package io.odqa.service.security;

import io.odqa.core.api.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys a service accepts, from {@code odqa.security.api-keys} ({@code ODQA_API_KEYS}):
 * comma-separated entries {@code name:role|role:sha256}, where {@code sha256} is the lower-case
 * hex SHA-256 of the key ({@link ApiKey#sha256}). Only hashes are configured, so a leaked
 * configuration does not leak a key; {@code ./odqa api-keys} makes them. Several entries may
 * share roles, which lets a key be rotated without downtime.
 */
@ApplicationScoped
public class ApiKeyRegistry {
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Set<String> ROLES = Set.of(Roles.VIEWER, Roles.OPERATOR);

  /** Who a key belongs to and what it may do. */
  public record Client(String name, Set<String> roles) {}

  private final Map<String, Client> bySha256;

  @Inject
  public ApiKeyRegistry(SecurityConfig config) {
    this(config.apiKeys());
  }

  ApiKeyRegistry(Optional<String> keys) {
    this.bySha256 = parse(keys.orElse(""));
  }

  /** The client whose key is {@code presentedKey}, if any. */
  public Optional<Client> lookup(String presentedKey) {
    return Optional.ofNullable(bySha256.get(ApiKey.sha256(presentedKey)));
  }

  /** Whether any key is configured (without one, no request can change the platform). */
  public boolean isEmpty() {
    return bySha256.isEmpty();
  }

  static Map<String, Client> parse(String entries) {
    Map<String, Client> clients = new HashMap<>();
    for (String entry : entries.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] parts = trimmed.split(":", -1);
      int index = clients.size() + 1;
      if (parts.length != 3) {
        throw new IllegalArgumentException("odqa.security.api-keys entry " + index
            + " is not name:role|role:sha256");
      }
      if (!NAME.matcher(parts[0]).matches()) {
        throw new IllegalArgumentException("odqa.security.api-keys entry " + index
            + ": the name must be 1-64 of A-Z a-z 0-9 . _ -");
      }
      Set<String> roles = new LinkedHashSet<>(Arrays.asList(parts[1].split("\\|")));
      if (!ROLES.containsAll(roles)) {
        throw new IllegalArgumentException("odqa.security.api-keys entry " + parts[0]
            + ": roles must be among " + ROLES);
      }
      if (!HEX_SHA256.matcher(parts[2]).matches()) {
        throw new IllegalArgumentException("odqa.security.api-keys entry " + parts[0]
            + ": the third part must be a lower-case hex SHA-256 (64 characters), not a key");
      }
      if (clients.putIfAbsent(parts[2], new Client(parts[0], Set.copyOf(roles))) != null) {
        throw new IllegalArgumentException("odqa.security.api-keys entry " + parts[0]
            + " repeats the hash of an earlier entry");
      }
    }
    return Map.copyOf(clients);
  }
}
