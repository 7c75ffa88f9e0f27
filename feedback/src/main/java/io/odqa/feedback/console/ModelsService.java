package io.odqa.feedback.console;

import io.odqa.core.model.Promotion;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.promote.Decisions;
import io.odqa.feedback.promote.Promotions;
import io.odqa.feedback.qa.QaChampions;
import io.odqa.feedback.qa.QaClient;
import io.odqa.feedback.qa.QaServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The registry's versions with the champions qa-service has in force, and an operator's manual
 * promotion of one, published exactly as a refresh job publishes a promoted model.
 */
@ApplicationScoped
public class ModelsService {
  private static final Logger LOG = Logger.getLogger(ModelsService.class);

  private final ModelRegistry registry;
  private final Decisions decisions;
  private final Promotions promotions;
  private final QaClient qa;
  private final Duration championsTimeout;

  ModelsService(ModelRegistry registry, Decisions decisions, Promotions promotions, QaClient qa,
      FeedbackConfig config) {
    this.registry = registry;
    this.decisions = decisions;
    this.promotions = promotions;
    this.qa = qa;
    this.championsTimeout = config.console().championsTimeout();
  }

  /**
   * The champions in force.
   *
   * @param reader the reader model's version, or null without one
   * @param graph the graph model's version, or null without one
   */
  public record Active(String reader, String graph) {}

  /**
   * One page of the registry, newest first.
   *
   * @param active the champions in force, or null when qa-service did not answer
   * @param total versions in the registry
   * @param limit most versions per page
   * @param offset versions before this page
   * @param items this page's versions
   */
  public record ModelsView(Active active, long total, int limit, int offset,
      List<ModelVersion> items) {}

  /** A page of versions, each with its newest decision and whether it is in force. */
  public ModelsView list(int limit, int offset) {
    Optional<QaChampions> champions = champions();
    Active active = champions.map(c -> new Active(version(c.modelVersion()),
        version(c.graphVersion()))).orElse(null);
    List<ModelVersion> all = registry.versions();
    List<ModelVersion> page = all.subList(Math.min(offset, all.size()),
        Math.min(all.size(), offset + limit));
    Map<String, Map<String, Object>> latest = decisions.latestFor(
        page.stream().map(ModelVersion::version).toList());
    List<ModelVersion> items = page.stream().map(v -> v.with(active != null
        && v.version().equals(ModelVersion.GRAPH.equals(v.kind()) ? active.graph()
            : active.reader()), latest.get(v.version()))).toList();
    return new ModelsView(active, all.size(), limit, offset, items);
  }

  /**
   * Promotes {@code version} by hand: publishes it on the models topic and records a
   * {@value Decisions#MANUAL} decision; empty when the registry has no such version.
   *
   * @throws IllegalArgumentException when {@code version} is not a legal version name
   * @throws IllegalStateException when Kafka did not acknowledge the promotion
   */
  public Optional<Promotion> promote(String version, String reason, String collection)
      throws InterruptedException {
    Optional<ModelVersion> found = registry.find(version);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ModelVersion v = found.get();
    String kind = ModelVersion.GRAPH.equals(v.kind()) ? Promotion.GRAPH : Promotion.MODEL;
    QaChampions champions = champions().orElse(null);
    String why = "manual promotion" + (reason == null || reason.isBlank() ? "" : ": " + reason);
    Promotion promotion = Promotions.ofModel(kind, version, registry.dir(version), champions,
        why, Map.of());
    promotions.publish(promotion);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("candidate_dir", promotion.dir());
    details.put("previous", promotion.previous());
    decisions.recordManual("manual-" + UUID.randomUUID().toString().substring(0, 8), kind,
        collection != null ? collection : v.collection(),
        promotion.previous() == null ? null : promotion.previous().version(), version, why,
        details);
    return Optional.of(promotion);
  }

  private Optional<QaChampions> champions() {
    try {
      return Optional.of(qa.champions(championsTimeout));
    } catch (QaServiceException e) {
      LOG.debugf("champions unknown: %s", e.getMessage());
      return Optional.empty();
    }
  }

  private static String version(String v) {
    return v == null || "none".equals(v) ? null : v;
  }
}
