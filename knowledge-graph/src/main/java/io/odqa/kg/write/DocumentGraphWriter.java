package io.odqa.kg.write;

import io.odqa.core.model.Document;
import io.odqa.core.model.Passage;
import io.odqa.kg.GraphClient;
import io.odqa.kg.schema.GraphSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code (:Document)-[:HAS_PASSAGE]->(:Passage)} subgraphs. Writing a document again
 * updates it in place and removes passages that the new version no longer has, so the graph
 * always mirrors the passage index.
 */
public final class DocumentGraphWriter {
  private static final String UPSERT = """
      UNWIND $docs AS doc
      MERGE (d:Document {uid: doc.uid})
      SET d.id = doc.id, d.collection = $collection, d.title = doc.title,
          d.length = doc.length, d.passageCount = size(doc.passages), d.updatedAt = datetime()
      WITH d, doc
      OPTIONAL MATCH (d)-[:HAS_PASSAGE]->(old:Passage)
      WHERE NOT old.uid IN [p IN doc.passages | p.uid]
      DETACH DELETE old
      WITH DISTINCT d, doc
      UNWIND doc.passages AS p
      MERGE (n:Passage {uid: p.uid})
      SET n.id = p.id, n.docId = doc.id, n.collection = $collection, n.ordinal = p.ordinal,
          n.start = p.start, n.end = p.end
      MERGE (d)-[:HAS_PASSAGE]->(n)
      """;

  private final GraphClient graph;
  /** The schema is applied before the first write, so that MERGE is backed by constraints. */
  private volatile boolean schemaApplied;

  public DocumentGraphWriter(GraphClient graph) {
    this.graph = graph;
  }

  /** A document together with the passages it was split into. */
  public record DocumentPassages(Document document, List<Passage> passages) {}

  /** Upserts {@code batch} into {@code collection} in one transaction. */
  public void upsert(String collection, List<DocumentPassages> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Map<String, Object>> docs = new ArrayList<>(batch.size());
    for (DocumentPassages item : batch) {
      docs.add(row(collection, item));
    }
    Map<String, Object> params = Map.of("collection", collection, "docs", docs);
    if (!schemaApplied) {
      GraphSchema.apply(graph);
      schemaApplied = true;
    }
    graph.write(tx -> tx.run(UPSERT, params).consume());
  }

  private static Map<String, Object> row(String collection, DocumentPassages item) {
    Document document = item.document();
    List<Map<String, Object>> passages = new ArrayList<>(item.passages().size());
    for (Passage p : item.passages()) {
      passages.add(Map.of("uid", GraphSchema.uid(collection, p.id()), "id", p.id(),
          "ordinal", p.ordinal(), "start", p.start(), "end", p.end()));
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("uid", GraphSchema.uid(collection, document.id()));
    row.put("id", document.id());
    row.put("title", document.title());
    row.put("length", document.text().length());
    row.put("passages", passages);
    return row;
  }
}
