package io.odqa.qa.kg;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.kg.GraphClient;
import io.odqa.kg.qa.GraphModel;
import io.odqa.kg.qa.EntityLinker;
import io.odqa.kg.qa.LinkedEntity;
import io.odqa.kg.qa.PathClassifier;
import io.odqa.kg.qa.PathExecutor;
import io.odqa.kg.qa.RelationPath;
import io.odqa.qa.QaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;

/**
 * Knowledge-graph QA: link the topic entity ({@link EntityLinker}), mask it, map the question to
 * a relation path of 1 to 3 hops ({@link PathClassifier}), and run the most probable path that
 * reaches anything as Cypher ({@link PathExecutor}), its answers ranked by KB evidence
 * (the model's answer ranker). The classifier and ranker are the {@link GraphModels} in force,
 * read once per question. An answer's confidence is the path probability times the linking
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
  private final GraphModels models;
  private final int pathsTried;
  private final int maxAnswers;

  KgqaGraphAnswerer(GraphClient graph, QaConfig config, GraphModels models) {
    QaConfig.Kgqa k = config.kgqa();
    this.linker = new EntityLinker(graph, k.timeout());
    this.executor = new PathExecutor(graph, k.timeout());
    this.models = models;
    this.pathsTried = k.pathsTried();
    this.maxAnswers = k.maxAnswers();
  }

  @Override
  public String modelVersion() {
    return models.version();
  }

  /**
   * This stage with {@code model} in place of the one in force, for an evaluation session that
   * compares a candidate with the champion.
   */
  public GraphAnswerer withModel(GraphModel model) {
    return new GraphAnswerer() {
      @Override
      public List<GraphAnswer> answer(String question, CollectionName collection,
          PipelineConfig config) {
        return filtered(explain(question, collection, config.graph().pathsTried(),
            Optional.of(model)), config).answers();
      }

      @Override
      public String modelVersion() {
        return model.version();
      }
    };
  }

  @Override
  public List<GraphAnswer> answer(String question, CollectionName collection,
      PipelineConfig config) {
    return trace(question, collection, config).answers();
  }

  /** The steps of {@link #explain}, with {@code config}'s paths tried and confidence floor. */
  @Override
  public KgResult trace(String question, CollectionName collection, PipelineConfig config) {
    return filtered(explain(question, collection, config.graph().pathsTried()), config);
  }

  /** {@code result} without the answers below {@code config}'s {@code graph.minConfidence}. */
  private static KgResult filtered(KgResult result, PipelineConfig config) {
    return new KgResult(result.entity(), result.masked(), result.paths(), result.executed(),
        result.answers().stream()
            .filter(a -> a.confidence() >= config.graph().minConfidence()).toList());
  }

  /** Answers with every intermediate step, with the configured number of paths tried. */
  public KgResult explain(String question, CollectionName collection) {
    return explain(question, collection, pathsTried);
  }

  /** Answers with every intermediate step, trying at most {@code paths} relation paths. */
  public KgResult explain(String question, CollectionName collection, int paths) {
    return explain(question, collection, paths, models.current());
  }

  private KgResult explain(String question, CollectionName collection, int paths,
      Optional<GraphModel> model) {
    if (System.nanoTime() - downSince < DOWN_BACKOFF.toNanos()) {
      throw new GraphUnavailableException("knowledge graph unavailable (failed less than "
          + DOWN_BACKOFF.toSeconds() + " s ago; not retried yet)", null);
    }
    try {
      return explainOnce(question, collection, paths, model.orElse(null));
    } catch (GraphUnavailableException e) {
      downSince = System.nanoTime();
      throw e;
    }
  }

  private KgResult explainOnce(String question, CollectionName collection, int paths,
      GraphModel model) {
    try {
      List<LinkedEntity> linked = linker.link(collection.value(), question);
      if (linked.isEmpty()) {
        return KgResult.empty(null, question);
      }
      LinkedEntity entity = linked.get(0);
      String masked = entity.mask(question);
      if (model == null) {
        return KgResult.empty(entity, masked);
      }
      List<PathClassifier.Scored> ranked = model.classifier().rank(masked, paths);
      List<KgResult.ScoredPath> considered = new ArrayList<>();
      for (PathClassifier.Scored s : ranked) {
        considered.add(new KgResult.ScoredPath(s.path().toString(), s.probability()));
      }
      for (PathClassifier.Scored s : ranked) {
        List<PathExecutor.Reached> reached = executor.execute(entity.uid(), s.path(), maxAnswers,
            model.ranker());
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
