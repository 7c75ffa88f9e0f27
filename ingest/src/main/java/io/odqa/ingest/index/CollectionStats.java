package io.odqa.ingest.index;

import io.odqa.core.index.PassageFields;
import io.odqa.core.model.CollectionName;
import io.odqa.ingest.IngestConfig;
import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;

/**
 * What each collection holds: documents, passages and embedded passages from its index (a
 * near-real-time view, so what was just written counts), entities and relations from the graph.
 * Documents are listed in id order, a page at a time.
 */
@ApplicationScoped
public class CollectionStats {
  private static final Logger LOG = Logger.getLogger(CollectionStats.class);
  private static final String GRAPH_COUNTS = """
      MATCH (e:Entity {collection: $c})
      RETURN count(e) AS entities, sum(COUNT { (e)-[r]->(:Entity) }) AS relations
      """;

  /** A collection's counts; the graph's are null while Neo4j is unreachable. */
  public record Summary(String name, long documents, long passages, long embedded,
      Long entities, Long relations) {}

  /** A document of a collection, with its title and number of passages. */
  public record DocumentRow(String id, String title, int passages) {}

  /** A page of documents and how many there are in all. */
  public record DocumentPage(String collection, long total, int offset, List<DocumentRow> items) {}

  private final Path root;
  private final CollectionIndexes indexes;
  private final GraphClient graph;

  CollectionStats(IngestConfig config, CollectionIndexes indexes, GraphClient graph) {
    this.root = config.dataDir().resolve("index");
    this.indexes = indexes;
    this.graph = graph;
  }

  /** Every collection with an index, by name. */
  public List<Summary> all() throws IOException {
    List<Summary> out = new ArrayList<>();
    for (CollectionName name : names()) {
      out.add(summary(name));
    }
    return out;
  }

  /** The collection's counts, or empty when it has no index. */
  public Optional<Summary> find(CollectionName name) throws IOException {
    return names().contains(name) ? Optional.of(summary(name)) : Optional.empty();
  }

  /** Documents {@code offset} to {@code offset + limit} in id order, or empty with no index. */
  public Optional<DocumentPage> documents(CollectionName name, int offset, int limit)
      throws IOException {
    if (!names().contains(name)) {
      return Optional.empty();
    }
    try (DirectoryReader reader = indexes.writer(name).openReader()) {
      IndexSearcher searcher = new IndexSearcher(reader);
      List<DocumentRow> items = new ArrayList<>();
      long total = 0;
      Terms terms = MultiTerms.getTerms(reader, PassageFields.DOC_ID);
      if (terms != null) {
        Bits live = MultiBits.getLiveDocs(reader);
        TermsEnum it = terms.iterator();
        PostingsEnum postings = null;
        for (BytesRef id = it.next(); id != null; id = it.next()) {
          postings = it.postings(postings, PostingsEnum.NONE);
          if (!hasLive(postings, live)) {
            continue;
          }
          if (total >= offset && items.size() < limit) {
            items.add(row(searcher, id.utf8ToString()));
          }
          total++;
        }
      }
      return Optional.of(new DocumentPage(name.value(), total, offset, items));
    }
  }

  private Summary summary(CollectionName name) throws IOException {
    long documents = 0;
    long embedded = 0;
    long passages;
    try (DirectoryReader reader = indexes.writer(name).openReader()) {
      passages = reader.numDocs();
      Terms terms = MultiTerms.getTerms(reader, PassageFields.DOC_ID);
      if (terms != null) {
        Bits live = MultiBits.getLiveDocs(reader);
        TermsEnum it = terms.iterator();
        PostingsEnum postings = null;
        while (it.next() != null) {
          postings = it.postings(postings, PostingsEnum.NONE);
          documents += hasLive(postings, live) ? 1 : 0;
        }
      }
      for (LeafReaderContext leaf : reader.leaves()) {
        FloatVectorValues vectors = leaf.reader().getFloatVectorValues(PassageFields.VECTOR);
        Bits live = leaf.reader().getLiveDocs();
        if (vectors != null) {
          for (int d = vectors.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS;
              d = vectors.nextDoc()) {
            embedded += live == null || live.get(d) ? 1 : 0;
          }
        }
      }
    }
    Long entities = null;
    Long relations = null;
    try {
      Map<String, Object> counts = graph.read(tx -> tx.run(GRAPH_COUNTS,
          Map.of("c", name.value())).single().asMap());
      entities = ((Number) counts.get("entities")).longValue();
      relations = ((Number) counts.get("relations")).longValue();
    } catch (RuntimeException e) {
      LOG.debugf(e, "graph counts of %s unavailable", name);
    }
    return new Summary(name.value(), documents, passages, embedded, entities, relations);
  }

  private static boolean hasLive(PostingsEnum postings, Bits live) throws IOException {
    for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
      if (live == null || live.get(d)) {
        return true;
      }
    }
    return false;
  }

  private static DocumentRow row(IndexSearcher searcher, String id) throws IOException {
    TopDocs hits = searcher.search(new TermQuery(new Term(PassageFields.DOC_ID, id)), 1);
    Document first = searcher.storedFields().document(hits.scoreDocs[0].doc);
    return new DocumentRow(id, first.get(PassageFields.TITLE), (int) hits.totalHits.value);
  }

  private List<CollectionName> names() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .sorted().flatMap(n -> {
            try {
              return Stream.of(new CollectionName(n));
            } catch (IllegalArgumentException e) {
              return Stream.empty();
            }
          }).toList();
    }
  }
}
