package io.odqa.kg.write;

import io.odqa.core.model.Document;
import io.odqa.core.model.Passage;
import io.odqa.kg.GraphClient;
import io.odqa.kg.schema.GraphSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.TransactionContext;

/**
 * Writes documents as {@code (:Document)-[:HAS_PASSAGE]->(:Passage)<-[:MENTIONED_IN]-(:Entity)}
 * plus the relations extracted from each passage, in two steps that ingestion runs as two
 * stages:
 *
 * <ol>
 *   <li>{@link #upsert}: one transaction per batch purges the previous version of each document
 *       (passages, extracted relations, entities left orphaned) and writes the new one with its
 *       stamp ({@code contentHash}), so a crash leaves either the old version or the new one.
 *   <li>{@link #writeExtracted}: one transaction per batch writes the mentions and relations
 *       extracted from a document version and marks it done ({@code extractedStamp}). It writes
 *       only while the stored stamp is still the one extracted from, and first clears whatever an
 *       earlier run left, so it may run late, twice, or after a newer version without harm.
 * </ol>
 */
public final class DocumentGraphWriter {
  private static final String HASHES = """
      UNWIND $uids AS uid
      MATCH (d:Document {uid: uid})
      RETURN d.id AS id, d.contentHash AS hash
      """;
  private static final String PENDING = """
      UNWIND $docs AS doc
      MATCH (d:Document {uid: doc.uid})
      WHERE d.contentHash = doc.stamp AND coalesce(d.extractedStamp, '') <> doc.stamp
      RETURN d.id AS id
      """;
  /** Claims the documents still at the extracted stamp; SET takes their write locks. */
  private static final String CLAIM = """
      UNWIND $docs AS doc
      MATCH (d:Document {uid: doc.uid})
      WHERE d.contentHash = doc.stamp AND coalesce(d.extractedStamp, '') <> doc.stamp
      SET d.extractedStamp = doc.stamp
      RETURN d.uid AS uid
      """;
  private static final String PURGE_RELATIONS = """
      UNWIND $uids AS uid
      MATCH (:Document {uid: uid})-[:HAS_PASSAGE]->(p:Passage)<-[:MENTIONED_IN]-(:Entity)-[r]->(:Entity)
      WHERE r.source = p.uid
      WITH DISTINCT r
      DELETE r
      """;
  /** Removes the mentions of the documents' passages and the entities nothing else holds. */
  private static final String PURGE_MENTIONS = """
      UNWIND $uids AS uid
      MATCH (:Document {uid: uid})-[:HAS_PASSAGE]->(:Passage)<-[m:MENTIONED_IN]-(e:Entity)
      WITH collect(DISTINCT m) AS mentions, collect(DISTINCT e) AS entities
      FOREACH (m IN mentions | DELETE m)
      WITH entities
      UNWIND entities AS e
      WITH e WHERE NOT (e)--()
      DELETE e
      """;
  private static final String PURGE_PASSAGES = """
      UNWIND $uids AS uid
      MATCH (:Document {uid: uid})-[:HAS_PASSAGE]->(p:Passage)
      OPTIONAL MATCH (p)<-[:MENTIONED_IN]-(e:Entity)
      WITH collect(DISTINCT p) AS passages, collect(DISTINCT e) AS entities
      FOREACH (p IN passages | DETACH DELETE p)
      WITH entities
      UNWIND entities AS e
      WITH e WHERE NOT (e)--()
      DELETE e
      """;
  private static final String DELETE_DOCUMENTS = """
      UNWIND $uids AS uid
      MATCH (d:Document {uid: uid})
      DETACH DELETE d
      """;
  private static final String EXISTING_DOCUMENTS = """
      UNWIND $uids AS uid
      MATCH (d:Document {uid: uid})
      RETURN d.uid AS uid
      """;
  /**
   * The passages are created, not merged: the same transaction has just purged every passage of
   * a document that existed, so none of these can exist.
   */
  private static final String UPSERT = """
      UNWIND $docs AS doc
      MERGE (d:Document {uid: doc.uid})
      SET d.id = doc.id, d.collection = $collection, d.title = doc.title, d.length = doc.length,
          d.passageCount = size(doc.passages), d.contentHash = doc.hash, d.updatedAt = datetime(),
          d.extractedStamp = null
      WITH d, doc
      UNWIND doc.passages AS p
      CREATE (d)-[:HAS_PASSAGE]->(:Passage {uid: p.uid, id: p.id, docId: doc.id,
          collection: $collection, ordinal: p.ordinal, start: p.start, end: p.end})
      """;
  /** The passage is matched first, so a mention of a deleted passage creates no entity. */
  private static final String MENTIONS = """
      UNWIND $rows AS m
      MATCH (p:Passage {uid: m.passageUid})
      WITH m, p
      """ + EntityRows.MERGE_ENTITY + """
      WITH e, m, p
      CREATE (e)-[:MENTIONED_IN {start: m.start, end: m.end}]->(p)
      """;
  /**
   * One statement for every relation type: the type is a dynamic one ({@code $(row.type)},
   * Neo4j 5.26+), already reduced to {@code [a-z0-9_]} by {@code RelationType}. Inlining it
   * instead made each distinct type of open extraction a new query to plan: about 30 ms each,
   * most of the write time of a batch. Created, not merged (see {@link FactGraphWriter} for what a
   * {@code MERGE} with a dynamic type costs): the rows are distinct, and the same transaction has
   * removed every relation of these passages.
   */
  private static final String RELATIONS = """
      UNWIND $rows AS row
      MATCH (h:Entity {uid: row.hu})
      MATCH (t:Entity {uid: row.tu})
      CREATE (h)-[:$(row.type) {source: row.source, headStart: row.hs, tailStart: row.ts,
          relation: row.relation, confidence: row.confidence, headEnd: row.he, tailEnd: row.te}]->(t)
      """;
  private final GraphClient graph;
  /** The schema is applied before the first write, so that MERGE is backed by constraints. */
  private volatile boolean schemaApplied;

  public DocumentGraphWriter(GraphClient graph) {
    this.graph = graph;
  }

  /**
   * A document, its passages, and the stamp stored as its {@code contentHash}: the content hash,
   * plus whatever else the caller wants a change of to force a rewrite (chunker and extractor
   * settings).
   */
  public record DocumentPassages(Document document, List<Passage> passages, String stamp) {
    public DocumentPassages(Document document, List<Passage> passages) {
      this(document, passages, document.contentHash());
    }
  }

  /** The relations extracted from the version of document {@code docId} stamped {@code stamp}. */
  public record DocumentFacts(String docId, String stamp, List<ExtractedFact> facts) {}

  /** What a batch wrote: extracted relations and entities created. */
  public record Written(long relations, long entities) {}

  /** The stored stamp (content hash) of each of {@code docIds} that exists in {@code collection}. */
  public Map<String, String> contentHashes(String collection, List<String> docIds) {
    List<String> uids = docIds.stream().map(id -> GraphSchema.uid(collection, id)).toList();
    return graph.read(tx -> {
      Map<String, String> hashes = new HashMap<>();
      tx.run(HASHES, Map.of("uids", uids)).forEachRemaining(
          r -> hashes.put(r.get("id").asString(), r.get("hash").asString(null)));
      return hashes;
    });
  }

  /**
   * The documents among {@code stamps} (id to stamp) whose stored version has that stamp and has
   * not been through extraction yet.
   */
  public Set<String> pendingExtraction(String collection, Map<String, String> stamps) {
    List<Map<String, Object>> docs = stampRows(collection, stamps);
    return graph.read(tx -> {
      Set<String> ids = new HashSet<>();
      tx.run(PENDING, Map.of("docs", docs)).forEachRemaining(r -> ids.add(r.get("id").asString()));
      return ids;
    });
  }

  /**
   * Replaces each document of {@code batch} in {@code collection}, in one transaction, without
   * extracted relations: {@link #writeExtracted} adds them.
   */
  public void upsert(String collection, List<DocumentPassages> batch) {
    upsert(collection, batch, () -> {});
  }

  /**
   * As {@link #upsert(String, List)}, but runs {@code beforeCommit} after the writes and before
   * the commit, and rolls back if it throws. Ingestion passes the wait for the Lucene commit of
   * the same batch: the two run at once, and a stored stamp still implies an indexed document.
   * {@code beforeCommit} may run again if the transaction is retried.
   */
  public void upsert(String collection, List<DocumentPassages> batch, Runnable beforeCommit) {
    if (batch.isEmpty()) {
      beforeCommit.run();
      return;
    }
    ensureSchema();
    // The last version of a document id wins, as it does in the index.
    Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
    for (DocumentPassages item : batch) {
      String uid = GraphSchema.uid(collection, item.document().id());
      docs.remove(uid);
      docs.put(uid, row(collection, item));
    }
    graph.write(tx -> {
      List<String> existing = new ArrayList<>();
      tx.run(EXISTING_DOCUMENTS, Map.of("uids", new ArrayList<>(docs.keySet())))
          .forEachRemaining(r -> existing.add(r.get("uid").asString()));
      if (!existing.isEmpty()) {
        purge(tx, existing);
      }
      tx.run(UPSERT, Map.of("collection", collection, "docs", new ArrayList<>(docs.values())))
          .consume();
      beforeCommit.run();
      return null;
    });
  }

  /**
   * Writes the relations extracted from each document version of {@code batch}, in one
   * transaction. A document whose stored stamp is no longer the one extracted from (replaced or
   * deleted since), or that is already marked extracted, is left alone; for the others,
   * relations and mentions from any earlier extraction are removed first, then the new ones
   * written and the version marked extracted.
   */
  public Written writeExtracted(String collection, List<DocumentFacts> batch) {
    if (batch.isEmpty()) {
      return new Written(0, 0);
    }
    ensureSchema();
    Map<String, String> stamps = new LinkedHashMap<>();
    batch.forEach(d -> stamps.put(d.docId(), d.stamp()));
    List<Map<String, Object>> docs = stampRows(collection, stamps);
    return graph.write(tx -> {
      Set<String> claimed = new HashSet<>();
      tx.run(CLAIM, Map.of("docs", docs)).forEachRemaining(r -> claimed.add(r.get("uid").asString()));
      if (claimed.isEmpty()) {
        return new Written(0, 0);
      }
      List<String> uids = new ArrayList<>(claimed);
      tx.run(PURGE_RELATIONS, Map.of("uids", uids)).consume();
      tx.run(PURGE_MENTIONS, Map.of("uids", uids)).consume();
      List<ExtractedFact> facts = new ArrayList<>();
      for (DocumentFacts d : batch) {
        if (claimed.contains(GraphSchema.uid(collection, d.docId()))) {
          facts.addAll(d.facts());
        }
      }
      return writeFacts(tx, collection, facts);
    });
  }

  /** Deletes documents with their passages, extracted relations and orphaned entities. */
  public long delete(String collection, List<String> docIds) {
    List<String> uids = docIds.stream().map(id -> GraphSchema.uid(collection, id)).toList();
    return graph.write(tx -> {
      purge(tx, uids);
      return (long) tx.run(DELETE_DOCUMENTS, Map.of("uids", uids)).consume().counters().nodesDeleted();
    });
  }

  private void ensureSchema() {
    if (!schemaApplied) {
      GraphSchema.apply(graph);
      schemaApplied = true;
    }
  }

  private static void purge(TransactionContext tx, List<String> uids) {
    tx.run(PURGE_RELATIONS, Map.of("uids", uids)).consume();
    tx.run(PURGE_PASSAGES, Map.of("uids", uids)).consume();
  }

  private static List<Map<String, Object>> stampRows(String collection,
      Map<String, String> stamps) {
    List<Map<String, Object>> rows = new ArrayList<>(stamps.size());
    stamps.forEach((id, stamp) -> rows.add(
        Map.of("uid", GraphSchema.uid(collection, id), "stamp", stamp)));
    return rows;
  }

  private static Written writeFacts(TransactionContext tx, String collection,
      List<ExtractedFact> facts) {
    Map<String, Map<String, Object>> mentions = new LinkedHashMap<>();
    Map<String, Map<String, Object>> relations = new LinkedHashMap<>();
    for (ExtractedFact f : facts) {
      String source = GraphSchema.uid(collection, f.passageId());
      mentions.putIfAbsent(source + "@" + f.headStart(), mention(collection, source, f.head(), f.headStart(), f.headEnd()));
      mentions.putIfAbsent(source + "@" + f.tailStart(), mention(collection, source, f.tail(), f.tailStart(), f.tailEnd()));
      Map<String, Object> rel = new HashMap<>();
      rel.put("hu", EntityRows.uid(collection, f.head()));
      rel.put("tu", EntityRows.uid(collection, f.tail()));
      rel.put("source", source);
      rel.put("relation", f.relation());
      rel.put("confidence", f.confidence());
      rel.put("hs", f.headStart());
      rel.put("he", f.headEnd());
      rel.put("ts", f.tailStart());
      rel.put("te", f.tailEnd());
      rel.put("type", EntityRows.type(f.relation()));
      relations.putIfAbsent(String.join("\u0000", (String) rel.get("hu"), (String) rel.get("type"),
          (String) rel.get("tu"), source, Integer.toString(f.headStart()),
          Integer.toString(f.tailStart())), rel);
    }
    if (mentions.isEmpty()) {
      return new Written(0, 0);
    }
    long entities = tx.run(MENTIONS, Map.of("rows", new ArrayList<>(mentions.values()),
        "collection", collection)).consume().counters().nodesCreated();
    long created = tx.run(RELATIONS, Map.of("rows", new ArrayList<>(relations.values())))
        .consume().counters().relationshipsCreated();
    return new Written(created, entities);
  }

  private static Map<String, Object> mention(String collection, String passageUid, String name,
      int start, int end) {
    Map<String, Object> row = new HashMap<>(EntityRows.entity(collection, name));
    row.put("passageUid", passageUid);
    row.put("start", start);
    row.put("end", end);
    return row;
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
    row.put("hash", item.stamp());
    row.put("passages", passages);
    return row;
  }
}
