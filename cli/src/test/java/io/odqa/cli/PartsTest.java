package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parts behind the commands, on tiny fixtures with exact expected values. */
class PartsTest {
  @TempDir Path dir;

  @Test
  void aReplayedLineIsKeyedByItsEventIdOnlyWhenItIsAnObjectWithOne() {
    assertEquals(Optional.of("e-1"), JsonlReplay.eventId("{\"eventId\": \"e-1\", \"x\": 1}"));
    assertEquals(Optional.empty(), JsonlReplay.eventId("not json {"));
    assertEquals(Optional.empty(), JsonlReplay.eventId("[\"eventId\"]"));
    assertEquals(Optional.empty(), JsonlReplay.eventId("{\"eventId\": 7}"));
    assertEquals(Optional.empty(), JsonlReplay.eventId("{\"eventId\": \"\"}"));
    assertEquals(Optional.empty(), JsonlReplay.eventId("{\"id\": \"e-1\"}"));
  }

  @Test
  void questionsInBothFormatsWithOffsetAndLimit() throws Exception {
    Path file = Files.writeString(dir.resolve("q.jsonl"), """
        {"id": "s1", "question": "When?", "context_id": "c#0", "answers": ["1973", "October 1973"]}

        {"question": "what movies did [X] act in", "answers": ["A", "B"], "hops": 1}
        {"id": "s3", "question": "Who?", "answers": ["Bob"]}
        """);
    assertEquals(List.of(
            new QuestionFile.Question("s1", "When?", List.of("1973", "October 1973")),
            new QuestionFile.Question("3", "what movies did [X] act in", List.of("A", "B")),
            new QuestionFile.Question("s3", "Who?", List.of("Bob"))),
        QuestionFile.read(file, 0, Integer.MAX_VALUE));
    assertEquals(List.of(new QuestionFile.Question("3", "what movies did [X] act in",
        List.of("A", "B"))), QuestionFile.read(file, 1, 1));
    assertEquals(List.of(), QuestionFile.read(file, 3, 10));
  }

  @Test
  void aLineThatIsNotJsonNamesItsLine() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"question\": \"q\", \"answers\": [\"a\"]}\n{oops\n");
    QuestionFile.BadLine e = org.junit.jupiter.api.Assertions.assertThrows(
        QuestionFile.BadLine.class, () -> QuestionFile.read(file, 0, 10));
    assertEquals(file + ":2: not JSON", e.getMessage());
  }

  @Test
  void exactMatchIsOverTheJudgedQuestions() {
    UserSimulator.Result r = new UserSimulator.Result(10, 3, 5, 8, 2, 1.23456);
    assertEquals(0.375, r.em());
    assertEquals("{\"asked\":10,\"correct\":3,\"incorrect\":5,\"published\":8,\"failed\":2,"
        + "\"em\":0.375,\"seconds\":1.235}", Output.json(r.asJson()));
    assertEquals(0.0, new UserSimulator.Result(1, 0, 0, 0, 1, 0).em());
  }

  @Test
  void jobProgressLine() throws IOException {
    assertEquals("retune j1: running 12/50 (24%)", JobClient.describe(Output.JSON.readTree(
        "{\"id\": \"j1\", \"kind\": \"retune\", \"state\": \"running\", "
            + "\"progress\": {\"done\": 12, \"total\": 50}, \"result\": null, \"error\": null}")));
    assertEquals("refresh j3: running gate 0/1 (0%)", JobClient.describe(Output.JSON.readTree(
        "{\"id\": \"j3\", \"kind\": \"refresh\", \"state\": \"running\", "
            + "\"progress\": {\"stage\": \"gate\", \"done\": 0, \"total\": 1}}")));
    assertEquals("refresh j2: failed - no feedback", JobClient.describe(Output.JSON.readTree(
        "{\"id\": \"j2\", \"kind\": \"refresh\", \"state\": \"failed\", "
            + "\"progress\": {\"done\": 0, \"total\": 0}, \"error\": \"no feedback\"}")));
  }
}
