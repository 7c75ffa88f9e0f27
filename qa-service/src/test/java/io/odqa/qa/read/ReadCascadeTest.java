package io.odqa.qa.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.core.model.Passage;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.retrieve.ScoredPassage;
import io.odqa.reader.read.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cascade's contract: it stops after the first round exactly when the best first-round
 * span clears the threshold, and when it reads on, its answers are those of one round over
 * every passage.
 */
class ReadCascadeTest {
  private static final PipelineConfig.Reader READER =
      new PipelineConfig.Reader(4, 384, 128, 30, 0.0, 0.5);
  /** Best span probability of each passage id; every passage yields one span. */
  private static final Map<String, Double> BEST = Map.of("p0", 0.55, "p1", 0.9, "p2", 0.2,
      "p3", 0.7);

  private static List<ScoredPassage> passages() {
    List<ScoredPassage> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      out.add(new ScoredPassage(new Passage("p" + i, "d" + i, 0, 0, 5, "text" + i), "t",
          10f - i));
    }
    return out;
  }

  /** Spans of a list of passages, counting the passages read into {@code read}. */
  private static List<Span> spans(List<ScoredPassage> part, List<String> read) {
    List<Span> out = new ArrayList<>();
    for (int j = 0; j < part.size(); j++) {
      String id = part.get(j).passage().id();
      read.add(id);
      out.add(new Span(j, 0, 4, "text", BEST.get(id), 1.0));
    }
    out.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    return out;
  }

  @Test
  void stopsAfterTheFirstRoundWhenConfident() {
    List<String> read = new ArrayList<>();
    Reading r = ReadCascade.read(passages(), new PipelineConfig.Cascade(2, 0.85), READER, 20,
        part -> spans(part, read));
    assertEquals(List.of("p0", "p1"), read);
    assertEquals(2, r.passagesRead());
    assertEquals(1, r.rounds());
    assertEquals(List.of("p0", "p1"), r.answers().stream()
        .map(a -> a.passage().passage().id()).sorted().toList());
  }

  @Test
  void readsOnWhenNotConfidentAndMatchesOneRound() {
    List<String> read = new ArrayList<>();
    Reading cascade = ReadCascade.read(passages(), new PipelineConfig.Cascade(1, 0.6), READER,
        20, part -> spans(part, read));
    assertEquals(List.of("p0", "p1", "p2", "p3"), read);
    assertEquals(2, cascade.rounds());
    Reading once = ReadCascade.read(passages(), PipelineConfig.Cascade.OFF, READER, 20,
        part -> spans(part, new ArrayList<>()));
    assertEquals(1, once.rounds());
    assertEquals(once.answers(), cascade.answers());
  }

  @Test
  void anExitScoreOfOneNeverStopsEarly() {
    List<String> read = new ArrayList<>();
    ReadCascade.read(passages(), new PipelineConfig.Cascade(1, 1.0), READER, 20,
        part -> spans(part, read));
    assertEquals(4, read.size());
  }

  @Test
  void theRetrievalPriorCoversOnlyThePassagesRead() {
    Reading r = ReadCascade.read(passages(), new PipelineConfig.Cascade(1, 0.5), READER, 20,
        part -> spans(part, new ArrayList<>()));
    // One passage read: its retrieval probability is 1, so the score is the reader's own.
    assertEquals(0.55, r.answers().get(0).score(), 1e-9);
  }
}
