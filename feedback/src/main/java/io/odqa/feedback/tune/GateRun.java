package io.odqa.feedback.tune;

import io.odqa.core.model.PipelineConfig;
import io.odqa.feedback.promote.Gate;
import io.odqa.feedback.promote.GateDecision;
import io.odqa.feedback.qa.EvalQuestion;
import io.odqa.feedback.qa.QaClient;
import io.odqa.feedback.qa.SessionScore;
import java.util.List;

/**
 * Puts a champion and a candidate to the gate on held-out questions: each is scored by a
 * qa-service session (one session when they share a model, one per model otherwise) and the
 * gate compares their per-question F1. The exact-match means ride along for reports.
 */
public final class GateRun {
  private GateRun() {}

  /**
   * The gate's decision with both sides' held-out exact match (the gate itself reads F1).
   *
   * @param decision what the gate decided, with the F1 numbers
   * @param championEm the champion's mean exact match on the held-out questions (NaN if none)
   * @param candidateEm the candidate's
   */
  public record Outcome(GateDecision decision, double championEm, double candidateEm) {}

  /**
   * Scores the champion ({@code championConfig} read by {@code championModel}) and the
   * candidate ({@code candidateConfig} read by {@code candidateModel}) on {@code heldOut} and
   * decides. A null model directory reads with qa-service's live model.
   */
  public static Outcome compare(QaClient qa, String collection, List<EvalQuestion> heldOut,
      String championModel, PipelineConfig championConfig, PipelineConfig candidateConfig,
      String candidateModel, Gate gate) {
    if (heldOut.isEmpty()) {
      return new Outcome(gate.decide(new double[0], new double[0]), Double.NaN, Double.NaN);
    }
    boolean sameModel = java.util.Objects.equals(championModel, candidateModel);
    String first = qa.openSession(collection, heldOut, championModel);
    String second = sameModel ? first : qa.openSession(collection, heldOut, candidateModel);
    try {
      SessionScore champion;
      SessionScore candidate;
      if (sameModel) {
        List<SessionScore> both = qa.score(first, List.of(championConfig, candidateConfig));
        champion = both.get(0);
        candidate = both.get(1);
      } else {
        champion = qa.score(first, List.of(championConfig)).get(0);
        candidate = qa.score(second, List.of(candidateConfig)).get(0);
      }
      return new Outcome(gate.decide(champion.perQuestionF1(), candidate.perQuestionF1()),
          champion.em(), candidate.em());
    } finally {
      qa.closeSession(first);
      if (!sameModel) {
        qa.closeSession(second);
      }
    }
  }
}
