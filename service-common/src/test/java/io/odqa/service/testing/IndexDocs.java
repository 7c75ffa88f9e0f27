package io.odqa.service.testing;

import io.odqa.core.index.PassageFields;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;

/** What a passage index holds, for tests that compare a primary index with its replicas. */
public final class IndexDocs {
  private IndexDocs() {}

  /** The document ids of the first 100 passages after refreshing {@code manager}. */
  public static Set<String> docIds(SearcherManager manager) throws IOException {
    manager.maybeRefreshBlocking();
    IndexSearcher searcher = manager.acquire();
    try {
      return docIds(searcher);
    } finally {
      manager.release(searcher);
    }
  }

  /** The document ids of the first 100 passages that {@code searcher} sees. */
  public static Set<String> docIds(IndexSearcher searcher) throws IOException {
    Set<String> ids = new TreeSet<>();
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc hit : searcher.search(new MatchAllDocsQuery(), 100).scoreDocs) {
      ids.add(stored.document(hit.doc).get(PassageFields.DOC_ID));
    }
    return ids;
  }
}
