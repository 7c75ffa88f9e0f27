package io.odqa.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The admin client's settings are valid: Kafka refuses to build a client whose explicit
 * default.api.timeout.ms is below its request.timeout.ms, and that refusal once left every
 * champion topic on the delete policy. Building a client contacts no broker, so none is needed.
 */
class CompactedTopicsTest {
  @Test
  void theAdminClientSettingsAreAccepted() {
    assertDoesNotThrow(() -> {
      try (Admin admin = Admin.create(CompactedTopics.adminProperties("127.0.0.1:1"))) {
        // built; closing it is enough
      }
    });
  }
}
