package io.odqa.service.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
  record Body(String question, Integer topK, Boolean enabled, List<String> answers) {}

  private final ObjectMapper mapper = mapper();

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper();
    new StrictJson().customize(m);
    return m;
  }

  @Test
  void wellFormedBodiesAndUnknownFieldsStillRead() throws Exception {
    Body b = mapper.readValue("{\"question\": \"Who? \\ud83d\\ude00\\ttab\", \"topK\": 3,"
        + " \"enabled\": true, \"answers\": [\"a\"]}", Body.class);
    assertEquals("Who? \uD83D\uDE00\ttab", b.question());
    assertEquals(3, b.topK());
  }

  @Test
  void malformedBodiesAreRefused() {
    for (String bad : List.of("{\"question\": \"a\", \"question\": \"b\"}",
        "{\"question\": \"a\"} {}", "{\"question\": 12}", "{\"question\": true}",
        "{\"topK\": \"3\"}", "{\"topK\": 3.5}", "{\"enabled\": \"yes\"}", "{\"enabled\": 1}",
        "{\"question\": \"\\ud800x\"}", "{\"question\": \"x\\udc00\"}",
        "{\"question\": \"a\\u0000b\"}", "{\"answers\": [\"ok\", 5]}",
        "{\"answers\": [\"\\u001b[31m\"]}")) {
      assertThrows(JsonProcessingException.class, () -> mapper.readValue(bad, Body.class), bad);
    }
  }

  @Test
  void problemsNameTheCharacter() {
    assertEquals("lone UTF-16 surrogate at character 1", CleanText.problem("a\uD800"));
    assertEquals("control character U+0007 at character 0", CleanText.problem("\u0007"));
    assertEquals(null, CleanText.problem("line\r\nnext\tcell"));
  }

  @Test
  void malformedUtf8IsFoundWhereItIs() {
    byte[] ok = "{\"q\": \"Ω 漢字 😀\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(-1, StrictUtf8.firstMalformedByte(ok));
    assertEquals(3, StrictUtf8.firstMalformedByte(new byte[] {'a', 'b', 'c', (byte) 0xC0,
        (byte) 0xAF}));
    assertEquals(1, StrictUtf8.firstMalformedByte(new byte[] {'a', (byte) 0xED, (byte) 0xA0,
        (byte) 0x80}), "a surrogate encoded in UTF-8");
    assertEquals(0, StrictUtf8.firstMalformedByte(new byte[] {(byte) 0xFE}));
  }
}
