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
   * What one side of the comparison runs: a config read by a reader model and answered from the
   * graph by a graph model; a null directory uses qa-service's live model of that kind.
   */
  public record Side(PipelineConfig config, String modelDir, String graphDir) {}

  /**
   * Scores the champion ({@code championConfig} read by {@code championModel}) and the
   * candidate ({@code candidateConfig} read by {@code candidateModel}) on {@code heldOut} and
   * decides. A null model directory reads with qa-service's live model.
   */
  public static Outcome compare(QaClient qa, String collection, List<EvalQuestion> heldOut,
      String championModel, PipelineConfig championConfig, PipelineConfig candidateConfig,
      String candidateModel, Gate gate) {
    return compare(qa, collection, heldOut, new Side(championConfig, championModel, null),
        new Side(candidateConfig, candidateModel, null), gate);
  }

  /**
   * Scores {@code champion} and {@code candidate} on {@code heldOut} and decides: one session
   * when they share their models, one per side otherwise.
   */
  public static Outcome compare(QaClient qa, String collection, List<EvalQuestion> heldOut,
      Side champion, Side candidate, Gate gate) {
    if (heldOut.isEmpty()) {
      return new Outcome(gate.decide(new double[0], new double[0]), Double.NaN, Double.NaN);
    }
    boolean sameModels = java.util.Objects.equals(champion.modelDir(), candidate.modelDir())
        && java.util.Objects.equals(champion.graphDir(), candidate.graphDir());
    String first = qa.openSession(collection, heldOut, champion.modelDir(), champion.graphDir());
    String second = sameModels ? first
        : qa.openSession(collection, heldOut, candidate.modelDir(), candidate.graphDir());
    try {
      SessionScore a;
      SessionScore b;
      if (sameModels) {
        List<SessionScore> both = qa.score(first, List.of(champion.config(), candidate.config()));
        a = both.get(0);
        b = both.get(1);
      } else {
        a = qa.score(first, List.of(champion.config())).get(0);
        b = qa.score(second, List.of(candidate.config())).get(0);
      }
      return new Outcome(gate.decide(a.perQuestionF1(), b.perQuestionF1()), a.em(), b.em());
    } finally {
      qa.closeSession(first);
      if (!sameModels) {
        qa.closeSession(second);
      }
    }
  }
}
