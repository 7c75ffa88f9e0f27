package io.odqa.qa.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.kg.KgResult;
import io.odqa.qa.pipeline.Answer;
import io.odqa.qa.pipeline.AskResult;
import java.util.List;
import java.util.Map;

/**
 * Why one question got its answers: the first seven fields are those of {@code /ask}'s {@link
 * AskResult} for the same run, the rest what each stage of that run produced.
 *
 * @param answers answers, best first, as {@code /ask} returns them
 * @param timings milliseconds per stage, as {@code /ask} returns them
 * @param configVersion version of the pipeline config the run used
 * @param modelVersion version of the reader model, or {@code none}
 * @param graphModelVersion version of the graph stage's model, or {@code none}
 * @param degraded stages that could not run; absent when all ran
 * @param reading the reader's cost; absent when the reader did not run
 * @param retrieval the retrieval settings in force and every retrieved passage
 * @param spans the reader's best spans in each passage it read, in retrieval order
 * @param graph the graph stage's steps and the answers fusion saw; null when it was unavailable
 *     (then {@code degraded} names {@code kg})
 * @param fusion how text and graph answers were combined into {@code answers}
 */
public record Explanation(List<Answer> answers, Map<String, Double> timings,
    String configVersion, String modelVersion, String graphModelVersion,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> degraded,
    @JsonInclude(JsonInclude.Include.NON_NULL) AskResult.ReadStats reading,
    Retrieval retrieval, List<PassageSpans> spans, KgResult graph, Fusion fusion) {

  /**
   * The retrieval stage of the run.
   *
   * @param topK passages asked for (the request's {@code topK}, else the config's)
   * @param bm25K1 BM25 k1
   * @param bm25B BM25 b
   * @param titleBoost weight of title matches
   * @param settings retrievers and how their rankings are fused ({@code mode}, {@code depth},
   *     {@code fusion}, {@code rrfK}, {@code denseWeight})
   * @param cascade the reader's rounds ({@code first}, {@code exitScore})
   * @param reader the reader's knobs, {@code passages} read at most among them
   * @param bm25Searched whether BM25 ran
   * @param denseSearched whether dense search ran (not for mode {@code bm25}, nor a collection
   *     without vectors)
   * @param passages every retrieved passage, best first
   */
  public record Retrieval(int topK, double bm25K1, double bm25B, double titleBoost,
      PipelineConfig.Retrieval settings, PipelineConfig.Cascade cascade,
      PipelineConfig.Reader reader, boolean bm25Searched, boolean denseSearched,
      List<PassageTrace> passages) {}

  /**
   * One retrieved passage.
   *
   * @param rank its rank in the fused list, from 1
   * @param passageId the passage id
   * @param docId its document
   * @param title the document title
   * @param text the passage text
   * @param start offset of the passage in the document text
   * @param end offset just past it
   * @param score the retrieval score the reader's prior used (fused, or the one list's score)
   * @param bm25 its BM25 score; null when BM25's list did not hold it
   * @param bm25Rank its rank in BM25's list, from 1; null with {@code bm25}
   * @param dense its cosine with the question; null when the dense list did not hold it
   * @param denseRank its rank in the dense list, from 1; null with {@code dense}
   * @param read whether the reader read it (the cascade may stop before)
   */
  public record PassageTrace(int rank, String passageId, String docId, String title, String text,
      int start, int end, double score, Double bm25, Integer bm25Rank, Double dense,
      Integer denseRank, boolean read) {}

  /**
   * The reader's best spans in one passage it read.
   *
   * @param passageId the passage
   * @param rank the passage's rank in the fused list, from 1
   * @param spans at most {@link Explainer#SPANS_PER_PASSAGE}, most probable first
   */
  public record PassageSpans(String passageId, int rank, List<SpanTrace> spans) {}

  /**
   * A span the reader proposed. Answers carry document offsets: {@code docStart} and {@code
   * docEnd} are those.
   *
   * @param text the span text
   * @param start offset in the passage text
   * @param end offset just past it in the passage text
   * @param docStart offset in the document text (passage start + {@code start})
   * @param docEnd offset just past it in the document text
   * @param probability P(start) x P(end), before the retrieval prior
   * @param logit start plus end logit
   * @param kept whether the probability clears {@code reader.minScore}, so the span could
   *     become an answer
   */
  public record SpanTrace(String text, int start, int end, int docStart, int docEnd,
      double probability, double logit, boolean kept) {}

  /**
   * How the answers were fused: {@code score = (1 - kgWeight) * textScore + kgWeight * kgScore},
   * a missing side counting 0.
   *
   * @param kgWeight the config's {@code fusion.kgWeight}
   * @param passageWeight the config's {@code reader.passageWeight}: {@code textScore =
   *     readerScore * prior^passageWeight}, the prior a softmax of retrieval scores over the
   *     passages read
   * @param graphMinConfidence graph answers below this were dropped before fusion
   * @param answers each final answer's parts, in the order of {@code answers}
   */
  public record Fusion(double kgWeight, double passageWeight, double graphMinConfidence,
      List<FusedAnswer> answers) {}

  /**
   * The parts of one final answer's score.
   *
   * @param text the answer text
   * @param source {@code text}, {@code kg}, {@code text+kg}, or {@code passage} without a reader
   * @param textScore the text answer's score before fusion; null without a text side
   * @param readerScore the reader's probability for the span; null without a text side
   * @param passageScore the retrieval score of its passage; null without a text side
   * @param kgScore the graph answer's confidence; null without a graph side
   * @param score the fused score
   */
  public record FusedAnswer(String text, String source, Double textScore, Double readerScore,
      Double passageScore, Double kgScore, double score) {}
}
