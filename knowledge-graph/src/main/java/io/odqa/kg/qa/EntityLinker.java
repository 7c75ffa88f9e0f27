package io.odqa.kg.qa;

import io.odqa.kg.GraphClient;
import io.odqa.kg.resolve.EntityKey;
import io.odqa.kg.schema.GraphSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neo4j.driver.Record;

/**
 * Finds the topic entity of a question. A bracketed mention ({@code [Temuera Morrison]}, as in
 * MetaQA) is resolved by its entity key, like ingestion resolves names. Otherwise the question
 * goes to the {@code entity_names} full-text index (names and aliases); a candidate one of whose
 * names occurs in the question as whole words wins over fuzzy matches, a longer occurrence over a
 * shorter one ("The Dark Knight Rises" over "The Dark Knight"), then the index score, then uid.
 */
public final class EntityLinker {
  private static final Pattern BRACKETS = Pattern.compile("\\[([^\\[\\]]+)]");
  private static final String BY_UID = """
      MATCH (e:Entity {uid: $uid}) RETURN e.uid AS uid, e.name AS name
      """;
  private static final String FULLTEXT = """
      CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
      WHERE node.collection = $collection
      RETURN node.uid AS uid, node.name AS name, node.aliases AS aliases, score
      LIMIT $limit
      """;
  private static final int CANDIDATES = 50;

  private final GraphClient graph;
  private final Duration timeout;

  /** Links against {@code graph}, each lookup bounded by {@code timeout}. */
  public EntityLinker(GraphClient graph, Duration timeout) {
    this.graph = graph;
    this.timeout = timeout;
  }

  /** Candidates for the topic entity, best first; empty when nothing matches. */
  public List<LinkedEntity> link(String collection, String question) {
    Matcher m = BRACKETS.matcher(question);
    if (m.find()) {
      String key = EntityKey.of(m.group(1));
      if (!key.isEmpty()) {
        String uid = GraphSchema.uid(collection, key);
        List<Record> rows = graph.readOnce(tx -> tx.run(BY_UID, Map.of("uid", uid)).list(), timeout);
        if (!rows.isEmpty()) {
          return List.of(new LinkedEntity(uid, rows.get(0).get("name").asString(), 1.0,
              m.start(1), m.end(1)));
        }
      }
    }
    return fuzzy(collection, question);
  }

  private List<LinkedEntity> fuzzy(String collection, String question) {
    // Letters and digits only: the index parses Lucene syntax, and a question is not a query.
    String query = question.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    if (query.isEmpty()) {
      return List.of();
    }
    List<Record> rows = graph.readOnce(tx -> tx.run(FULLTEXT, Map.of("query", query,
        "collection", collection, "limit", CANDIDATES)).list(), timeout);
    double top = rows.isEmpty() ? 1 : rows.get(0).get("score").asDouble();
    String lower = question.toLowerCase(Locale.ROOT);
    List<Candidate> candidates = new ArrayList<>();
    for (Record r : rows) {
      int[] span = null;
      for (Object alias : r.get("aliases").asList()) {
        int[] s = wholeWords(lower, alias.toString().toLowerCase(Locale.ROOT));
        if (s != null && (span == null || s[1] - s[0] > span[1] - span[0])) {
          span = s;
        }
      }
      double fuzzyScore = 0.5 * r.get("score").asDouble() / top;
      candidates.add(new Candidate(new LinkedEntity(r.get("uid").asString(),
          r.get("name").asString(), span == null ? fuzzyScore : 1.0,
          span == null ? -1 : span[0], span == null ? -1 : span[1]),
          span == null ? 0 : span[1] - span[0], r.get("score").asDouble()));
    }
    candidates.sort(Comparator.comparingInt(Candidate::length).reversed()
        .thenComparing(Comparator.comparingDouble(Candidate::indexScore).reversed())
        .thenComparing(c -> c.entity().uid()));
    return candidates.stream().map(Candidate::entity).toList();
  }

  private record Candidate(LinkedEntity entity, int length, double indexScore) {}

  /** The first whole-word occurrence of {@code name} in {@code text}, or null. */
  static int[] wholeWords(String text, String name) {
    if (name.isBlank()) {
      return null;
    }
    for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      int end = i + name.length();
      boolean left = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
      boolean right = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (left && right) {
        return new int[] {i, end};
      }
    }
    return null;
  }
}
