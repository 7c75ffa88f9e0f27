package io.odqa.service.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.api.ApiKey;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {
  private static final String OPS = ApiKey.sha256("ops-key");
  private static final String SEE = ApiKey.sha256("viewer-key");

  @Test
  void looksKeysUpByTheirHashOnly() {
    ApiKeyRegistry registry = new ApiKeyRegistry(
        Optional.of(" ops:operator|viewer:" + OPS + " , dash:viewer:" + SEE + ","));
    assertEquals(new ApiKeyRegistry.Client("ops", Set.of("operator", "viewer")),
        registry.lookup("ops-key").orElseThrow());
    assertEquals(Set.of("viewer"), registry.lookup("viewer-key").orElseThrow().roles());
    assertTrue(registry.lookup("other").isEmpty());
    assertTrue(registry.lookup(OPS).isEmpty(), "the hash itself is not a key");
  }

  @Test
  void noKeysConfigured() {
    ApiKeyRegistry registry = new ApiKeyRegistry(Optional.empty());
    assertTrue(registry.isEmpty());
    assertTrue(registry.lookup("").isEmpty());
    assertFalse(new ApiKeyRegistry(Optional.of("a:viewer:" + SEE)).isEmpty());
  }

  @Test
  void malformedEntriesFailTheStartWithoutEchoingThem() {
    for (String bad : new String[] {"ops:operator", "ops:admin:" + OPS, "ops:viewer:plain-key",
        "ops:viewer:" + OPS.toUpperCase(), "o p:viewer:" + OPS,
        "a:viewer:" + OPS + ",b:operator:" + OPS}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ApiKeyRegistry.parse(bad), bad);
      assertFalse(e.getMessage().contains("plain-key"), e.getMessage());
      assertFalse(e.getMessage().contains(OPS), e.getMessage());
    }
  }
}
