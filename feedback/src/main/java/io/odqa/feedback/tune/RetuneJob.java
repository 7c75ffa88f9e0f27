package io.odqa.feedback.tune;

import io.odqa.core.model.Champion;
import io.odqa.core.model.PipelineConfig;
import io.odqa.core.model.Promotion;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.job.JobRequest;
import io.odqa.feedback.job.JobWork;
import io.odqa.feedback.job.Progress;
import io.odqa.feedback.label.LabelledQuestion;
import io.odqa.feedback.promote.Decisions;
import io.odqa.feedback.promote.Gate;
import io.odqa.feedback.promote.GateDecision;
import io.odqa.feedback.promote.Promotions;
import io.odqa.feedback.qa.EvalQuestion;
import io.odqa.feedback.qa.QaClient;
import io.odqa.feedback.qa.SessionScore;
import io.odqa.kg.GraphClient;
import io.odqa.tuner.pipeline.PipelineSpace;
import io.odqa.tuner.sampler.RandomSampler;
import io.odqa.tuner.sampler.tpe.TpeSampler;
import io.odqa.tuner.store.Neo4jStudyStore;
import io.odqa.tuner.study.Study;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The retune job: TPE (or random search) over {@link PipelineSpace} on end-to-end F1 over the
 * tuning part of the feedback plus the anchor questions, scored by a qa-service evaluation
 * session (cached retrieval and reader logits, so a trial costs milliseconds once the first
 * configs have filled the cache); then the gate compares the best trial with the champion on the
 * held-out part and, if it wins, publishes it. The study is persisted in Neo4j under the job's
 * name, so a job resumed after a restart continues it.
 */
@ApplicationScoped
public class RetuneJob implements JobWork {
  private final QaClient qa;
  private final ExampleSets sets;
  private final Decisions decisions;
  private final Promotions promotions;
  private final GraphClient graph;
  private final FeedbackConfig config;
  private final PipelineSpace space;

  RetuneJob(QaClient qa, ExampleSets sets, Decisions decisions, Promotions promotions,
      GraphClient graph, FeedbackConfig config) {
    this.qa = qa;
    this.sets = sets;
    this.decisions = decisions;
    this.promotions = promotions;
    this.graph = graph;
    this.config = config;
    this.space = PipelineSpace.load(config.loop().retune().spaceFile());
  }

  @Override
  public Map<String, Object> run(String jobId, JobRequest request, Progress progress)
      throws Exception {
    long start = System.nanoTime();
    String collection = request.collection();
    PipelineConfig champion = qa.champions().config();
    ExampleSets.Labelled labelled = sets.labelled(collection);
    String version = "cfg-" + jobId.substring(jobId.indexOf('-') + 1);
    Search search = request.candidate() != null
        ? Search.given(request.candidate().withVersion(version))
        : search(jobId, request, champion, labelled, version, progress);
    progress.report("gate", 0, 1);
    Gate gate = gate(request.seed());
    GateRun.Outcome outcome = GateRun.compare(qa, collection,
        ExampleSets.asEval(labelled.heldOut()), null, champion, search.candidate(), null, gate);
    GateDecision d = outcome.decision();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trials", search.trials());
    out.put("seconds", round((System.nanoTime() - start) / 1e9));
    out.put("best", round(search.best()));
    out.put("champion", round(search.championObjective()));
    out.put("decision", d.decision());
    out.put("delta", round(d.delta()));
    out.put("ci_low", round(d.ciLow()));
    out.put("ci_high", round(d.ciHigh()));
    out.put("heldout_n", d.n());
    out.put("heldout_champion_f1", round(d.champion()));
    out.put("heldout_candidate_f1", round(d.candidate()));
    out.put("heldout_champion_em", round(outcome.championEm()));
    out.put("heldout_candidate_em", round(outcome.candidateEm()));
    out.put("reason", d.reason());
    out.put("candidate", search.candidate().version());
    out.put("tuning_n", search.questions());
    out.put("best_so_far", search.curve());
    out.put("candidate_config", search.candidate());
    decisions.record(jobId, "config", collection, champion.version(), version, d, out);
    if (d.promoted()) {
      promotions.publish(new Promotion(Promotion.CONFIG, version, search.candidate(), null,
          new Champion(champion.version(), champion, null), "promoted by " + jobId,
          Map.of("delta", d.delta(), "ci_low", d.ciLow(), "ci_high", d.ciHigh(),
              "heldout_f1", d.candidate()), System.currentTimeMillis()));
    }
    out.put("configVersion", d.promoted() ? version : champion.version());
    progress.report("done", 1, 1);
    return out;
  }

  /** What the search found. */
  private record Search(PipelineConfig candidate, int trials, double best,
      double championObjective, int questions, List<Double> curve) {
    static Search given(PipelineConfig candidate) {
      return new Search(candidate, 0, Double.NaN, Double.NaN, 0, List.of());
    }
  }

  private Search search(String jobId, JobRequest request, PipelineConfig champion,
      ExampleSets.Labelled labelled, String version, Progress progress) throws Exception {
    FeedbackConfig.Retune r = config.loop().retune();
    List<EvalQuestion> questions = new ArrayList<>(ExampleSets.asEval(
        ExampleSets.sample(labelled.tuning(), r.maxQuestions(), request.seed())));
    questions.addAll(anchorsOutsideHeldOut(request.collection(), labelled.heldOut()));
    if (questions.isEmpty()) {
      throw new IllegalStateException("no tuning questions: collection " + request.collection()
          + " has no confirmed answers in its tuning part and no anchor questions");
    }
    int trials = request.trials() == null ? r.trials() : request.trials();
    String sampler = request.sampler() == null ? r.sampler() : request.sampler();
    progress.report("reading tuning questions", 0, trials);
    String session = qa.openSession(request.collection(), questions, null);
    try {
      double championObjective = qa.score(session, List.of(champion)).get(0).f1();
      Study study = Study.builder().setName("retune-" + jobId)
          .setStore(Neo4jStudyStore.open(graph)).optSpace(space.space())
          .optDirection(Direction.MAXIMIZE).optSeed(request.seed())
          .optSampler("random".equals(sampler) ? new RandomSampler() : new TpeSampler()).open();
      List<Double> curve = new ArrayList<>();
      double best = Double.NEGATIVE_INFINITY;
      for (Trial t : study.trials()) {
        if (t.state() == TrialState.COMPLETE) {
          best = Math.max(best, t.value());
          curve.add(round(best));
        }
      }
      while (curve.size() < trials) {
        if (progress.cancelled()) {
          throw new InterruptedException("stopping");
        }
        Trial t = study.ask();
        PipelineConfig cfg = PipelineSpace.apply(champion, t.params(), "trial-" + t.number());
        SessionScore s = qa.score(session, List.of(cfg)).get(0);
        study.tell(t.number(), s.f1());
        best = Math.max(best, s.f1());
        curve.add(round(best));
        progress.report("trials", curve.size(), trials);
      }
      PipelineConfig candidate = study.bestTrial()
          .map(t -> PipelineSpace.apply(champion, t.params(), version))
          .orElse(champion.withVersion(version));
      return new Search(candidate, curve.size(), best, championObjective, questions.size(), curve);
    } finally {
      qa.closeSession(session);
    }
  }

  /** Anchors minus any that are also held-out feedback questions, so the gate stays unseen. */
  private List<EvalQuestion> anchorsOutsideHeldOut(String collection,
      List<LabelledQuestion> heldOut) {
    Set<String> held = new HashSet<>();
    heldOut.forEach(q -> held.add(q.question().strip().toLowerCase(Locale.ROOT)));
    return sets.anchors(collection).stream()
        .filter(a -> !held.contains(a.question().strip().toLowerCase(Locale.ROOT))).toList();
  }

  private Gate gate(long seed) {
    FeedbackConfig.Gate g = config.loop().gate();
    return new Gate(g.margin(), g.resamples(), g.minQuestions(), seed);
  }

  /** {@code v} to 4 decimals; null (JSON null) when there is no number, as for a given candidate. */
  public static Double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
  }
}
