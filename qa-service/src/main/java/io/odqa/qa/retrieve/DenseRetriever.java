package io.odqa.qa.retrieve;

import io.odqa.core.index.PassageFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * k-nearest-neighbour search over the passages' dense vectors (Lucene's HNSW graph, Malkov and
 * Yashunin, 2018). The vectors are unit length and indexed for dot product, for which Lucene
 * scores {@code (1 + cos) / 2}; hits are reported with the cosine itself. A passage without a
 * vector is not found here.
 */
final class DenseRetriever {
  private DenseRetriever() {}

  /** The {@code k} passages nearest to {@code query} in {@code searcher}'s snapshot. */
  static List<ScoredPassage> search(IndexSearcher searcher, float[] query, int k)
      throws IOException {
    TopDocs top = searcher.search(new KnnFloatVectorQuery(PassageFields.VECTOR, query, k), k);
    List<ScoredPassage> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc hit : top.scoreDocs) {
      Document doc = searcher.storedFields().document(hit.doc);
      out.add(new ScoredPassage(PassageFields.fromLucene(doc), doc.get(PassageFields.TITLE),
          2f * hit.score - 1f));
    }
    return out;
  }
}
