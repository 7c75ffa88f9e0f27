package io.odqa.qa.kg;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.kg.GraphClient;
import io.odqa.kg.qa.AnswerRanker;
import io.odqa.kg.qa.EntityLinker;
import io.odqa.kg.qa.LinkedEntity;
import io.odqa.kg.qa.PathClassifier;
import io.odqa.kg.qa.PathExecutor;
import io.odqa.kg.qa.RelationPath;
import io.odqa.qa.QaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;

/**
 * Knowledge-graph QA: link the topic entity ({@link EntityLinker}), mask it, map the question to
 * a relation path of 1 to 3 hops ({@link PathClassifier}), and run the most probable path that
 * reaches anything as Cypher ({@link PathExecutor}), its answers ranked by KB evidence
 * ({@link AnswerRanker}). An answer's confidence is the path probability times the linking
 * score times {@code exp(score - best score)}, so fusion can weigh it against text answers.
 */
@ApplicationScoped
public class KgqaGraphAnswerer implements GraphAnswerer {
  private static final Logger LOG = Logger.getLogger(KgqaGraphAnswerer.class);
  /**
   * After the graph fails to answer, requests skip it for this long: with Neo4j down, /ask then
   * answers from text at text speed instead of waiting for a connection each time.
   */
  private static final java.time.Duration DOWN_BACKOFF = java.time.Duration.ofSeconds(10);

  private volatile long downSince = System.nanoTime() - DOWN_BACKOFF.toNanos() - 1;

  private final EntityLinker linker;
  private final PathExecutor executor;
  private final PathClassifier classifier;
  private final int pathsTried;
  private final int maxAnswers;

  KgqaGraphAnswerer(GraphClient graph, QaConfig config) {
    QaConfig.Kgqa k = config.kgqa();
    this.linker = new EntityLinker(graph, k.timeout());
    this.executor = new PathExecutor(graph, k.timeout(), ranker(k));
    this.pathsTried = k.pathsTried();
    this.maxAnswers = k.maxAnswers();
    PathClassifier loaded = null;
    if (k.model().isPresent()) {
      try {
        loaded = PathClassifier.load(k.model().get());
        LOG.infof("relation-path classifier loaded from %s", k.model().get());
      } catch (IOException | UncheckedIOException e) {
        LOG.errorf("relation-path classifier at %s not loaded: %s", k.model().get(), e.getMessage());
      }
    } else {
      LOG.warn("no relation-path classifier (odqa.kgqa.model); the graph gives no answers");
    }
    this.classifier = loaded;
  }

  /**
   * The answer ranker beside the classifier ({@link AnswerRanker#FILE_NAME}, written by {@code
   * ./odqa train kgqa}); without one, answers are ranked by the number of paths reaching them.
   */
  private static AnswerRanker ranker(QaConfig.Kgqa k) {
    if (k.model().isEmpty()) {
      return AnswerRanker.supportOnly();
    }
    Path file = k.model().get().resolveSibling(AnswerRanker.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      LOG.warnf("no answer ranker at %s; answers are ranked by path support", file);
      return AnswerRanker.supportOnly();
    }
    try {
      AnswerRanker ranker = AnswerRanker.load(file);
      LOG.infof("answer ranker loaded from %s", file);
      return ranker;
    } catch (IOException | UncheckedIOException e) {
      LOG.errorf("answer ranker at %s not loaded (%s); answers are ranked by path support",
          file, e.getMessage());
      return AnswerRanker.supportOnly();
    }
  }

  @Override
  public List<GraphAnswer> answer(String question, CollectionName collection,
      PipelineConfig config) {
    PipelineConfig.Graph knobs = config.graph();
    return explain(question, collection, knobs.pathsTried()).answers().stream()
        .filter(a -> a.confidence() >= knobs.minConfidence()).toList();
  }

  /** Answers with every intermediate step, with the configured number of paths tried. */
  public KgResult explain(String question, CollectionName collection) {
    return explain(question, collection, pathsTried);
  }

  /** Answers with every intermediate step, trying at most {@code paths} relation paths. */
  public KgResult explain(String question, CollectionName collection, int paths) {
    if (System.nanoTime() - downSince < DOWN_BACKOFF.toNanos()) {
      throw new GraphUnavailableException("knowledge graph unavailable (failed less than "
          + DOWN_BACKOFF.toSeconds() + " s ago; not retried yet)", null);
    }
    try {
      return explainOnce(question, collection, paths);
    } catch (GraphUnavailableException e) {
      downSince = System.nanoTime();
      throw e;
    }
  }

  private KgResult explainOnce(String question, CollectionName collection, int paths) {
    try {
      List<LinkedEntity> linked = linker.link(collection.value(), question);
      if (linked.isEmpty()) {
        return KgResult.empty(null, question);
      }
      LinkedEntity entity = linked.get(0);
      String masked = entity.mask(question);
      if (classifier == null) {
        return KgResult.empty(entity, masked);
      }
      List<KgResult.ScoredPath> considered = new ArrayList<>();
      for (PathClassifier.Scored s : classifier.rank(masked, paths)) {
        considered.add(new KgResult.ScoredPath(s.path().toString(), s.probability()));
      }
      for (PathClassifier.Scored s : classifier.rank(masked, paths)) {
        List<PathExecutor.Reached> reached = executor.execute(entity.uid(), s.path(), maxAnswers);
        if (!reached.isEmpty()) {
          return new KgResult(entity, masked, considered, s.path().toString(),
              answers(entity, s, reached));
        }
      }
      return new KgResult(entity, masked, considered, null, List.of());
    } catch (ServiceUnavailableException | SessionExpiredException e) {
      throw new GraphUnavailableException("knowledge graph unavailable: " + e.getMessage(), e);
    } catch (ClientException e) {
      // A timed-out or refused query means no confident graph answer, not an outage.
      LOG.debugf("graph query failed: %s", e.getMessage());
      return KgResult.empty(null, question);
    } catch (Neo4jException | IllegalStateException e) {
      throw new GraphUnavailableException("knowledge graph unavailable: " + e.getMessage(), e);
    }
  }

  private static List<GraphAnswer> answers(LinkedEntity entity, PathClassifier.Scored s,
      List<PathExecutor.Reached> reached) {
    double best = reached.get(0).score();
    List<GraphAnswer> out = new ArrayList<>(reached.size());
    for (PathExecutor.Reached r : reached) {
      List<String> path = new ArrayList<>();
      path.add(entity.name());
      for (RelationPath.Hop hop : s.path().hops()) {
        path.add(hop.inverse() ? hop.relation() + "⁻¹" : hop.relation());
      }
      path.add(r.name());
      // exp(score - best) is in (0, 1]; with support-only ranking it is (1 + support) over
      // (1 + the best support).
      out.add(new GraphAnswer(r.name(),
          s.probability() * entity.score() * Math.exp(r.score() - best), r.uid(), path));
    }
    return out;
  }
}
