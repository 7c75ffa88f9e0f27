package io.odqa.qa.retrieve;

import java.util.List;

/**
 * One retrieval with the rankings it was fused from, so that an explanation can show each
 * passage's BM25 and dense score beside its fused one. The lists are what the retriever computed
 * anyway; keeping them costs no search.
 *
 * @param k passages asked for
 * @param passages the retrieved passages, best first: what {@link Retriever#retrieve} returns
 * @param bm25 BM25's own ranking, best first, scored by BM25; null when BM25 did not run
 * @param dense the dense ranking, best first, scored by cosine; null when dense search did not
 *     run (mode {@code bm25}, or a collection without vectors)
 */
public record RetrievalTrace(int k, List<ScoredPassage> passages, List<ScoredPassage> bm25,
    List<ScoredPassage> dense) {
  public RetrievalTrace {
    passages = List.copyOf(passages);
    bm25 = bm25 == null ? null : List.copyOf(bm25);
    dense = dense == null ? null : List.copyOf(dense);
  }

  /** Nothing retrieved (a collection without a passage index). */
  public static RetrievalTrace none(int k) {
    return new RetrievalTrace(k, List.of(), null, null);
  }
}
