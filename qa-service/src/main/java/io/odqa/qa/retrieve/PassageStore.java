package io.odqa.qa.retrieve;

import io.odqa.core.index.PassageFields;
import io.odqa.core.model.CollectionName;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Passages looked up by id rather than searched: one passage, or every passage of a document in
 * reading order, all scored 0. Ids are exact-match index terms, never paths, so an id such as
 * {@code ../x} is just an id that no passage has.
 */
@ApplicationScoped
public class PassageStore {
  /** Longest document read by {@link #document}, in passages. */
  private static final int MAX_PASSAGES_PER_DOCUMENT = 1000;

  private final CollectionSearchers searchers;

  PassageStore(CollectionSearchers searchers) {
    this.searchers = searchers;
  }

  /**
   * The passage {@code passageId} of {@code collection}; empty when it has none.
   *
   * @throws UnknownCollectionException when the collection has no index
   */
  public Optional<ScoredPassage> passage(CollectionName collection, String passageId) {
    return find(collection, new Term(PassageFields.PASSAGE_ID, passageId), 1).stream()
        .findFirst();
  }

  /**
   * Every passage of document {@code docId} in reading order; empty when the document is not in
   * the collection.
   *
   * @throws UnknownCollectionException when the collection has no index
   */
  public List<ScoredPassage> document(CollectionName collection, String docId) {
    List<ScoredPassage> passages = new ArrayList<>(
        find(collection, new Term(PassageFields.DOC_ID, docId), MAX_PASSAGES_PER_DOCUMENT));
    passages.sort(Comparator.comparingInt(p -> p.passage().ordinal()));
    return passages;
  }

  private List<ScoredPassage> find(CollectionName collection, Term term, int limit) {
    SearcherManager manager = searchers.refreshed(collection);
    IndexSearcher searcher = null;
    try {
      searcher = manager.acquire();
      TopDocs top = searcher.search(new TermQuery(term), limit);
      List<ScoredPassage> results = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc hit : top.scoreDocs) {
        Document doc = searcher.storedFields().document(hit.doc);
        results.add(new ScoredPassage(PassageFields.fromLucene(doc),
            doc.get(PassageFields.TITLE), 0f));
      }
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException("lookup in collection " + collection + " failed", e);
    } finally {
      Bm25Retriever.release(manager, searcher);
    }
  }
}
