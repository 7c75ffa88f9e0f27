package io.odqa.feedback.refresh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import io.odqa.feedback.qa.QaChampions;
import io.odqa.feedback.qa.QaClient;
import io.odqa.feedback.tune.ExampleSets;
import io.odqa.feedback.tune.GateRun;
import io.odqa.feedback.tune.RetuneJob;
import io.odqa.kg.GraphClient;
import io.odqa.kg.qa.EntityLinker;
import io.odqa.kg.qa.GraphModel;
import io.odqa.kg.qa.GraphTraining;
import io.odqa.kg.qa.KbGraph;
import io.odqa.kg.qa.LinkedEntity;
import io.odqa.kg.qa.MetaQaQuestions;
import io.odqa.kg.qa.PathClassifier;
import io.odqa.kg.resolve.EntityKey;
import io.odqa.reader.read.SquadMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The graph-refresh job: the graph stage's path classifier and answer ranker retrained on the
 * original MetaQA examples plus the questions whose answer users confirmed, then the same gate
 * as the reader's, on the same held-out feedback, scored on the first answer the feedback
 * judged ({@link ExampleSets#asJudged}): a graph question often has many right answers.
 *
 * <p>A feedback question becomes an example when its topic links in the collection's graph (as
 * {@code /ask} links it) and its confirmed answer is reachable from the topic in 1 to 3 hops;
 * which path is the label is {@link GraphTraining}'s choice. Questions answered from text link
 * to nothing, or reach nothing, and drop out on their own. The model is written to the registry
 * as {@code graph-<job>} (classifier, ranker, {@code metadata.json}), in one atomic move, and a
 * restarted job that finds it goes straight to the gate.
 */
@ApplicationScoped
public class GraphRefreshJob implements JobWork {
  private static final Logger LOG = Logger.getLogger(GraphRefreshJob.class);
  private static final Duration LINK_TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final QaClient qa;
  private final ExampleSets sets;
  private final Decisions decisions;
  private final Promotions promotions;
  private final FeedbackConfig config;
  private final GraphClient graph;

  GraphRefreshJob(QaClient qa, ExampleSets sets, Decisions decisions, Promotions promotions,
      FeedbackConfig config, GraphClient graph) {
    this.qa = qa;
    this.sets = sets;
    this.decisions = decisions;
    this.promotions = promotions;
    this.config = config;
    this.graph = graph;
  }

  @Override
  public Map<String, Object> run(String jobId, JobRequest request, Progress progress)
      throws Exception {
    long start = System.nanoTime();
    FeedbackConfig.GraphRefresh g = config.loop().graphRefresh();
    QaChampions champions = qa.champions();
    if (champions.graphDir() == null) {
      throw new IllegalStateException("qa-service has no graph model to refresh");
    }
    PipelineConfig championConfig = champions.config();
    GraphModel champion = GraphModel.load(Path.of(champions.graphDir()));
    ExampleSets.Labelled labelled = sets.labelled(request.collection());
    String version = "graph-" + jobId.substring(jobId.lastIndexOf('-') + 1);
    Path dir = config.loop().refresh().registryDir().resolve(version);
    Map<String, Object> out = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      progress.report("linking topics", 0, labelled.tuning().size());
      List<GraphTraining.FeedbackQuestion> feedback = link(request.collection(),
          labelled.tuning(), progress);
      if (feedback.size() < g.minExamples()) {
        throw new IllegalStateException("only " + feedback.size() + " feedback questions have a "
            + "topic in the graph of '" + request.collection() + "' and a confirmed answer; a "
            + "graph refresh needs " + g.minExamples() + " (odqa.loop.graph-refresh.min-examples)");
      }
      progress.report("reading the graph", 0, 1);
      KbGraph kb = KbGraph.fromNeo4j(graph, request.collection(), g.readTimeout());
      List<MetaQaQuestions.Question> base = base(g);
      progress.report("training", 0, 1);
      long trainStart = System.nanoTime();
      GraphTraining.Outcome trained = GraphTraining.train(kb, base, feedback,
          champion.classifier(), SquadMetrics::normalise,
          PathClassifier.Settings.defaults().withEpochsAndSeed(
              PathClassifier.Settings.defaults().epochs(), request.seed()));
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("version", version);
      metadata.put("parent", champion.version());
      metadata.put("job", jobId);
      metadata.put("collection", request.collection());
      metadata.put("data_fingerprint", fingerprint(labelled.tuning()));
      metadata.put("kb_edges", kb.edgeCount());
      metadata.putAll(trained.report());
      metadata.put("train_seconds", round((System.nanoTime() - trainStart) / 1e9));
      metadata.put("created_at_millis", System.currentTimeMillis());
      write(dir, trained, metadata);
    } else {
      LOG.infof("graph refresh %s: %s already trained before a restart; going to the gate",
          jobId, dir);
    }
    out.putAll(readMetadata(dir));
    progress.report("gate", 0, 1);
    FeedbackConfig.Gate gate = config.loop().gate();
    GateRun.Outcome outcome = GateRun.compare(qa, request.collection(),
        ExampleSets.asJudged(labelled.heldOut()),
        new GateRun.Side(championConfig, null, champions.graphDir()),
        new GateRun.Side(championConfig, null, dir.toString()),
        new Gate(gate.margin(), gate.resamples(), gate.minQuestions(), request.seed()));
    GateDecision d = outcome.decision();
    out.put("seconds", round((System.nanoTime() - start) / 1e9));
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
    decisions.record(jobId, Promotion.GRAPH, request.collection(), champions.graphVersion(),
        version, d, out);
    if (d.promoted()) {
      promotions.publish(Promotions.ofModel(Promotion.GRAPH, version, dir, champions,
          "promoted by " + jobId, Map.of("delta", d.delta(), "ci_low", d.ciLow(),
              "ci_high", d.ciHigh(), "heldout_f1", d.candidate())));
    }
    out.put("graphModelVersion", d.promoted() ? version : champions.graphVersion());
    progress.report("done", 1, 1);
    return out;
  }

  /** The tuning questions whose topic links in the collection's graph, masked as /ask masks. */
  private List<GraphTraining.FeedbackQuestion> link(String collection,
      List<LabelledQuestion> tuning, Progress progress) {
    EntityLinker linker = new EntityLinker(graph, LINK_TIMEOUT);
    List<GraphTraining.FeedbackQuestion> out = new ArrayList<>();
    int done = 0;
    for (LabelledQuestion q : tuning) {
      if (progress.cancelled()) {
        throw new java.util.concurrent.CancellationException("graph refresh cancelled");
      }
      List<LinkedEntity> linked = linker.link(collection, q.question());
      String confirmedKey = EntityKey.of(q.positive());
      if (!linked.isEmpty() && !confirmedKey.isEmpty()) {
        LinkedEntity topic = linked.get(0);
        out.add(new GraphTraining.FeedbackQuestion(topic.mask(q.question()),
            EntityKey.of(topic.name()), confirmedKey, SquadMetrics.normalise(q.positive()),
            new HashSet<>(q.negatives())));
      }
      if (++done % 500 == 0) {
        progress.report("linking topics", done, tuning.size());
      }
    }
    return out;
  }

  /** The training part of the base question files. */
  private static List<MetaQaQuestions.Question> base(FeedbackConfig.GraphRefresh g)
      throws IOException {
    List<MetaQaQuestions.Question> out = new ArrayList<>();
    for (Path file : g.baseQuestions().orElse(List.of())) {
      for (MetaQaQuestions.Question q : MetaQaQuestions.read(file)) {
        if (!q.heldOut()) {
          out.add(q);
        }
      }
    }
    if (out.isEmpty()) {
      LOG.warn("no base questions (odqa.loop.graph-refresh.base-questions): the graph refresh "
          + "trains on feedback alone and may forget");
    }
    return out;
  }

  /** Writes the model to a temporary directory beside {@code dir} and moves it into place. */
  private static void write(Path dir, GraphTraining.Outcome trained, Map<String, Object> metadata)
      throws IOException {
    Files.createDirectories(dir.getParent());
    Path partial = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".partial-");
    try {
      trained.classifier().save(partial.resolve(GraphModel.CLASSIFIER_FILE));
      trained.ranker().save(partial.resolve(io.odqa.kg.qa.AnswerRanker.FILE_NAME), metadata);
      JSON.writeValue(partial.resolve("metadata.json").toFile(), metadata);
      Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try (Stream<Path> files = Files.walk(partial)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readMetadata(Path dir) throws IOException {
    Path file = dir.resolve("metadata.json");
    return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), LinkedHashMap.class)
        : new LinkedHashMap<>();
  }

  /** SHA-256 over the questions and confirmed answers trained on, in order. */
  private static String fingerprint(List<LabelledQuestion> tuning) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (LabelledQuestion q : tuning) {
        sha.update((q.question() + '\u0000' + q.positive() + '\n')
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static Double round(double v) {
    return RetuneJob.round(v);
  }
}
