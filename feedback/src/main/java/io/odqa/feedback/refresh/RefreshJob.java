package io.odqa.feedback.refresh;

import io.odqa.core.model.PipelineConfig;
import io.odqa.core.model.Promotion;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.job.JobRequest;
import io.odqa.feedback.job.JobWork;
import io.odqa.feedback.job.Progress;
import io.odqa.feedback.promote.Decisions;
import io.odqa.feedback.promote.Gate;
import io.odqa.feedback.promote.GateDecision;
import io.odqa.feedback.promote.Promotions;
import io.odqa.feedback.qa.EvalQuestion;
import io.odqa.feedback.qa.Evidence;
import io.odqa.feedback.qa.QaChampions;
import io.odqa.feedback.qa.QaClient;
import io.odqa.feedback.tune.ExampleSets;
import io.odqa.feedback.tune.GateRun;
import io.odqa.feedback.tune.RetuneJob;
import io.odqa.reader.refresh.ModelMetadata;
import io.odqa.reader.refresh.QaExample;
import io.odqa.reader.refresh.ReaderRefresh;
import io.odqa.reader.refresh.RefreshSettings;
import io.odqa.reader.refresh.ReplaySample;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The refresh job. Training examples come from the tuning part only: each confirmed answer is
 * located in the best-ranked retrieved passage that contains it (qa-service's evidence call), so
 * a correction without a passage still teaches the reader where the answer is. The candidate is
 * compared with the champion model, both under the champion config, on the held-out part.
 */
@ApplicationScoped
public class RefreshJob implements JobWork {
  private static final Logger LOG = Logger.getLogger(RefreshJob.class);

  private final QaClient qa;
  private final ExampleSets sets;
  private final Decisions decisions;
  private final Promotions promotions;
  private final FeedbackConfig config;

  RefreshJob(QaClient qa, ExampleSets sets, Decisions decisions, Promotions promotions,
      FeedbackConfig config) {
    this.qa = qa;
    this.sets = sets;
    this.decisions = decisions;
    this.promotions = promotions;
    this.config = config;
  }

  @Override
  public Map<String, Object> run(String jobId, JobRequest request, Progress progress)
      throws Exception {
    long start = System.nanoTime();
    FeedbackConfig.Refresh r = config.loop().refresh();
    QaChampions champions = qa.champions();
    if (champions.modelDir() == null) {
      throw new IllegalStateException("qa-service has no reader model to refresh");
    }
    PipelineConfig championConfig = champions.config();
    ExampleSets.Labelled labelled = sets.labelled(request.collection());
    progress.report("locating answers", 0, 1);
    List<QaExample> feedback = ExampleSets.sample(examples(request.collection(),
        ExampleSets.asEval(labelled.tuning()), championConfig), r.maxExamples(), request.seed());
    if (feedback.size() < r.minExamples()) {
      throw new IllegalStateException("only " + feedback.size() + " feedback answers were found"
          + " in retrieved passages; a refresh needs " + r.minExamples()
          + " (odqa.loop.refresh.min-examples)");
    }
    List<QaExample> replay = replay(r, feedback.size(), request.seed());
    String version = "reader-" + jobId.substring(jobId.indexOf('-') + 1);
    Path dir = r.registryDir().resolve(version);
    long trainStart = System.nanoTime();
    if (!Files.isDirectory(dir)) {
      RefreshSettings settings = new RefreshSettings(r.epochs(), r.batchSize(),
          (float) r.learningRate(), r.topLayers(), request.seed(), 384, 128, 1);
      new ReaderRefresh(r.registryDir(), settings, r.device(), System.out).refresh(
          Path.of(champions.modelDir()), version, feedback, replay,
          (step, total) -> progress.report("training", step, total),
          progress::cancelled);
    } else {
      LOG.infof("refresh %s: %s already trained before a restart; going to the gate", jobId, dir);
    }
    double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
    ModelMetadata trained = ModelMetadata.read(dir);
    progress.report("gate", 0, 1);
    FeedbackConfig.Gate g = config.loop().gate();
    GateRun.Outcome outcome = GateRun.compare(qa, request.collection(),
        ExampleSets.asEval(labelled.heldOut()), champions.modelDir(), championConfig,
        championConfig, dir.toString(), new Gate(g.margin(), g.resamples(), g.minQuestions(),
            request.seed()));
    GateDecision d = outcome.decision();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seconds", round((System.nanoTime() - start) / 1e9));
    out.put("train_seconds", round(trainSeconds));
    out.put("feedback_examples", feedback.size());
    out.put("replay_examples", replay.size());
    out.put("train_steps", trained.steps());
    out.put("final_loss", round(trained.finalLoss()));
    out.put("skipped_updates", trained.skippedUpdates());
    out.put("best", round(d.candidate()));
    out.put("champion", round(d.champion()));
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
    out.put("candidate", version);
    out.put("candidate_dir", dir.toString());
    decisions.record(jobId, "model", request.collection(), champions.modelVersion(), version, d,
        out);
    if (d.promoted()) {
      promotions.publish(Promotions.ofModel(Promotion.MODEL, version, dir, champions,
          "promoted by " + jobId, Map.of("delta", d.delta(), "ci_low", d.ciLow(),
              "ci_high", d.ciHigh(), "heldout_f1", d.candidate())));
    }
    out.put("modelVersion", d.promoted() ? version : champions.modelVersion());
    progress.report("done", 1, 1);
    return out;
  }

  /** The tuning questions whose confirmed answer occurs in a retrieved passage. */
  private List<QaExample> examples(String collection, List<EvalQuestion> questions,
      PipelineConfig championConfig) {
    if (questions.isEmpty()) {
      return List.of();
    }
    String session = qa.openSession(collection, questions, null);
    try {
      List<Evidence> found = qa.evidence(session, championConfig);
      List<QaExample> out = new ArrayList<>();
      for (int i = 0; i < found.size(); i++) {
        Evidence e = found.get(i);
        if (e != null) {
          out.add(new QaExample(e.id(), questions.get(i).question(), e.text(), e.answer(),
              e.answerStart()));
        }
      }
      return out;
    } finally {
      qa.closeSession(session);
    }
  }

  private static List<QaExample> replay(FeedbackConfig.Refresh r, int feedback, long seed)
      throws java.io.IOException {
    if (r.replayQuestions().isEmpty() || r.replayCorpus().isEmpty()) {
      LOG.warn("no replay set (odqa.loop.refresh.replay-questions/-corpus): the refresh trains"
          + " on feedback alone and may forget");
      return List.of();
    }
    int n = (int) Math.round(r.replayRatio() * feedback);
    return ReplaySample.squad(r.replayQuestions().get(), r.replayCorpus().get(), n, seed);
  }

  private static Double round(double v) {
    return RetuneJob.round(v);
  }
}
