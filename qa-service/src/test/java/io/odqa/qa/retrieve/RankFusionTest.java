package io.odqa.qa.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.core.model.Passage;
import io.odqa.core.model.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fusion of a BM25 and a dense ranking, with exact expected scores and ties by passage id. */
class RankFusionTest {
  private static ScoredPassage hit(String id, double score) {
    return new ScoredPassage(new Passage(id, "d-" + id, 0, 0, 1, "t"), "title", (float) score);
  }

  private static List<String> ids(List<ScoredPassage> hits) {
    return hits.stream().map(h -> h.passage().id()).toList();
  }

  @Test
  void rrfSumsReciprocalRanks() {
    List<ScoredPassage> bm25 = List.of(hit("a", 12), hit("b", 9), hit("c", 3));
    List<ScoredPassage> dense = List.of(hit("c", 0.9), hit("d", 0.8), hit("a", 0.1));
    PipelineConfig.Retrieval r = new PipelineConfig.Retrieval("hybrid", 3, "rrf", 60, 20, 0.0);
    List<ScoredPassage> fused = RankFusion.fuse(bm25, dense, r, 10);
    // a: 1/61 + 1/63, c: 1/63 + 1/61 (a tie, broken by id), b: 1/62, d: 1/62 (tie).
    assertEquals(List.of("a", "c", "b", "d"), ids(fused));
    assertEquals(1.0 / 61 + 1.0 / 63, fused.get(0).score(), 1e-6);
    assertEquals(1.0 / 62, fused.get(2).score(), 1e-6);
  }

  @Test
  void linearFillsAMissingScoreWithTheListsLowest() {
    List<ScoredPassage> bm25 = List.of(hit("a", 12), hit("b", 9));
    List<ScoredPassage> dense = List.of(hit("c", 0.9), hit("a", 0.5));
    PipelineConfig.Retrieval r = new PipelineConfig.Retrieval("hybrid", 2, "linear", 60, 10, 0.0);
    List<ScoredPassage> fused = RankFusion.fuse(bm25, dense, r, 10);
    // a: 12 + 10 * 0.5 = 17; b: 9 + 10 * 0.5 (lowest cosine) = 14; c: 9 (lowest BM25) + 9 = 18.
    assertEquals(List.of("c", "a", "b"), ids(fused));
    assertEquals(18.0, fused.get(0).score(), 1e-5);
    assertEquals(17.0, fused.get(1).score(), 1e-5);
    assertEquals(14.0, fused.get(2).score(), 1e-5);
  }

  @Test
  void theFusedListIsCutToKAndASmallerKIsAPrefix() {
    List<ScoredPassage> bm25 = List.of(hit("a", 5), hit("b", 4), hit("c", 3), hit("d", 2));
    List<ScoredPassage> dense = List.of(hit("d", 0.7), hit("e", 0.6), hit("b", 0.5));
    PipelineConfig.Retrieval r = new PipelineConfig.Retrieval("hybrid", 4, "linear", 60, 20, 0.0);
    List<ScoredPassage> all = RankFusion.fuse(bm25, dense, r, 10);
    assertEquals(5, all.size());
    assertEquals(all.subList(0, 2), RankFusion.fuse(bm25, dense, r, 2));
  }

  @Test
  void anEmptyDenseListLeavesTheBm25Order() {
    List<ScoredPassage> bm25 = List.of(hit("b", 5), hit("a", 4));
    PipelineConfig.Retrieval r = new PipelineConfig.Retrieval("hybrid", 2, "linear", 60, 20, 0.0);
    assertEquals(List.of("b", "a"), ids(RankFusion.fuse(bm25, List.of(), r, 10)));
  }
}
