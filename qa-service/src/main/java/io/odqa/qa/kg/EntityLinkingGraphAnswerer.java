package io.odqa.qa.kg;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * The graph stage as far as the QA-service issue takes it: it links the question to entities
 * through the {@code entity_names} full-text index, which proves the graph is reachable on every
 * request, but it maps no relation path yet and so returns no answers. The knowledge-graph QA
 * issue replaces the empty result with relation-path answers.
 */
@ApplicationScoped
public class EntityLinkingGraphAnswerer implements GraphAnswerer {
  private static final String LINK = """
      CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
      RETURN node.uid AS uid, score LIMIT 5
      """;

  private final GraphClient graph;

  EntityLinkingGraphAnswerer(GraphClient graph) {
    this.graph = graph;
  }

  @Override
  public List<GraphAnswer> answer(String question, CollectionName collection,
      PipelineConfig config) {
    // Letters, digits and spaces only: the full-text index parses Lucene syntax.
    String query = question.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    if (query.isEmpty()) {
      return List.of();
    }
    try {
      graph.read(tx -> tx.run(LINK, Map.of("query", query)).list());
      return List.of();
    } catch (Neo4jException | IllegalStateException e) {
      throw new GraphUnavailableException("knowledge graph unavailable: " + e.getMessage(), e);
    }
  }
}
