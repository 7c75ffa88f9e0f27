package io.odqa.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.kg.write.Fact;
import io.odqa.kg.write.FactGraphWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against the real Neo4j server: structured triples, entity resolution, the name index. */
class FactGraphWriterTest extends RealGraphTest {

  @Test
  void importIsIdempotentAndResolvesAliases() {
    List<Fact> facts = List.of(
        new Fact("Kismet", "directed_by", "William Dieterle"),
        new Fact("Kismet", "release_year", "1944"),
        new Fact("Apple Inc.", "founded_by", "Steve Jobs"),
        new Fact("Apple", "headquartered_in", "Cupertino"),
        new Fact("Kismet", "directed_by", "William Dieterle"));
    FactGraphWriter writer = new FactGraphWriter(graph);

    FactGraphWriter.Written first = writer.write(collection, "kb", facts);
    assertEquals(4, first.relations(), "the repeated triple is one relationship");
    assertEquals(6, first.entities(), "Apple and Apple Inc. are one entity");
    FactGraphWriter.Written again = writer.write(collection, "kb", facts);
    assertEquals(0, again.relations());
    assertEquals(0, again.entities());

    assertEquals(4L, count("MATCH (:Entity {collection: $c})-[r]->() RETURN count(r)"));
    assertEquals(List.of("Apple Inc.", "Apple"), graph.read(tx -> tx.run(
        "MATCH (e:Entity {collection: $c, key: 'apple'}) RETURN e.aliases",
        Map.of("c", collection)).single().get(0).asList(v -> v.asString())));
    assertEquals(1L, count("MATCH (:Entity {collection: $c, key: 'kismet'})-[:directed_by]->"
        + "(:Entity {name: 'William Dieterle'}) RETURN count(*)"));
  }

  @Test
  void anImportMergesEachEntityOnceAcrossBatchesAndKeepsLaterAliases() {
    String c = collection + "-import"; // this class's tests share a collection; this one is alone
    try {
      FactGraphWriter.Import kb = new FactGraphWriter(graph).begin(c, "kb");
      FactGraphWriter.Written first = kb.write(List.of(
          new Fact("Apple Inc.", "founded_by", "Steve Jobs"),
          new Fact("Kismet", "release_year", "1944")));
      FactGraphWriter.Written second = kb.write(List.of(
          new Fact("Apple Inc.", "headquartered_in", "Cupertino"),
          new Fact("Apple", "makes", "iPhone"),
          new Fact("Kismet", "release_year", "1944")));
      assertEquals(new FactGraphWriter.Written(2, 4), first);
      assertEquals(new FactGraphWriter.Written(2, 2), second,
          "two relations to entities merged by the first batch; Apple is an alias of Apple Inc.");
      assertEquals(List.of("Apple Inc.", "Apple"), graph.read(tx -> tx.run(
          "MATCH (e:Entity {collection: $c, key: 'apple'}) RETURN e.aliases",
          Map.of("c", c)).single().get(0).asList(v -> v.asString())));
      long relations = graph.read(tx -> tx.run(
          "MATCH (:Entity {collection: $c})-[r]->() RETURN count(r)", Map.of("c", c))
          .single().get(0).asLong());
      assertEquals(4L, relations);
    } finally {
      graph.write(tx -> tx.run("MATCH (n {collection: $c}) DETACH DELETE n", Map.of("c", c))
          .consume());
    }
  }

  @Test
  void eachSourceHasItsOwnTripleAndTheOriginalRelationTextIsKept() {
    FactGraphWriter writer = new FactGraphWriter(graph);
    List<Fact> facts = List.of(new Fact("Gattaca", "Directed By", "Andrew Niccol"),
        new Fact("Gattaca", "release_year", "1997"));
    assertEquals(2, writer.write(collection, "kb", facts).relations());
    assertEquals(2, writer.write(collection, "imdb.nt", facts).relations(),
        "the same triple from another source is a second relationship");
    assertEquals(0, writer.write(collection, "kb", facts).relations());
    assertEquals(List.of("Directed By", "Directed By"), graph.read(tx -> tx.run(
        "MATCH (:Entity {collection: $c, key: 'gattaca'})-[r:directed_by]->() "
            + "RETURN r.relation ORDER BY r.source", Map.of("c", collection))
        .list(r -> r.get(0).asString())));
    assertEquals(List.of("imdb.nt", "kb"), graph.read(tx -> tx.run(
        "MATCH (:Entity {collection: $c, key: 'gattaca'})-[r:release_year]->() "
            + "RETURN r.source AS source, r.relation AS relation ORDER BY source",
        Map.of("c", collection)).list(r -> {
          assertEquals(true, r.get("relation").isNull(), "stored only when it differs from the type");
          return r.get("source").asString();
        })));
  }

  @Test
  void fullTextIndexFindsEntitiesByAlias() throws InterruptedException {
    new FactGraphWriter(graph).write(collection, "kb",
        List.of(new Fact("International Business Machines Corp.", "abbreviated_as", "IBM")));
    graph.read(tx -> tx.run("CALL db.awaitIndexes(60)").consume());
    long hits = 0;
    for (int i = 0; i < 50 && hits == 0; i++) {
      hits = count("CALL db.index.fulltext.queryNodes('entity_names', 'business machines') "
          + "YIELD node WHERE node.collection = $c RETURN count(node)");
      Thread.sleep(100); // full-text indexes are eventually consistent
    }
    assertEquals(1L, hits);
  }
}
