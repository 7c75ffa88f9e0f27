package io.odqa.qa.retrieve;

import io.odqa.core.index.PassageFields;
import io.odqa.core.model.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * BM25 (Robertson and Zaragoza, 2009) over passage text, plus title matches weighted by
 * {@link PipelineConfig#titleBoost()}. k1 and b come from the config of each request: BM25's
 * index-time norms do not depend on them, so they can change without re-indexing.
 */
@ApplicationScoped
public class Bm25Retriever {
  /** Score first, then passage id, so equal scores always come back in the same order. */
  private static final Sort SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE,
      new SortField(PassageFields.PASSAGE_ID, SortField.Type.STRING));

  /** The best {@code k} passages by BM25 in {@code shared}'s snapshot of the index. */
  public List<ScoredPassage> search(IndexSearcher shared, AnalyzedQuestion question, int k,
      PipelineConfig config) throws IOException {
    if (question.terms().isEmpty()) {
      return List.of();
    }
    IndexSearcher searcher = new IndexSearcher(shared.getIndexReader());
    searcher.setSimilarity(new BM25Similarity((float) config.bm25K1(), (float) config.bm25B()));
    TopFieldDocs top = searcher.search(query(question, config), k, SCORE_THEN_ID, true);
    List<ScoredPassage> results = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc hit : top.scoreDocs) {
      Document doc = searcher.storedFields().document(hit.doc);
      results.add(new ScoredPassage(PassageFields.fromLucene(doc),
          doc.get(PassageFields.TITLE), hit.score));
    }
    return results;
  }

  static Query query(AnalyzedQuestion question, PipelineConfig config) {
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    BooleanQuery.Builder title = new BooleanQuery.Builder();
    for (String term : question.terms()) {
      text.add(new TermQuery(new Term(PassageFields.TEXT, term)), BooleanClause.Occur.SHOULD);
      title.add(new TermQuery(new Term(PassageFields.TITLE, term)), BooleanClause.Occur.SHOULD);
    }
    BooleanQuery.Builder both = new BooleanQuery.Builder()
        .add(text.build(), BooleanClause.Occur.SHOULD);
    double proximity = config.retrieval().proximity();
    if (proximity > 0 && question.terms().size() > 1) {
      both.add(new BoostQuery(pairs(question.terms()), (float) proximity),
          BooleanClause.Occur.SHOULD);
    }
    if (config.titleBoost() > 0) {
      both.add(new BoostQuery(title.build(), (float) config.titleBoost()), BooleanClause.Occur.SHOULD);
    }
    return both.build();
  }

  /** Each pair of consecutive terms as a sloppy phrase over the passage text. */
  private static Query pairs(List<String> terms) {
    BooleanQuery.Builder pairs = new BooleanQuery.Builder();
    for (int i = 0; i + 1 < terms.size(); i++) {
      pairs.add(new PhraseQuery(PipelineConfig.Retrieval.PROXIMITY_SLOP, PassageFields.TEXT,
          terms.get(i), terms.get(i + 1)), BooleanClause.Occur.SHOULD);
    }
    return pairs.build();
  }

  static void release(SearcherManager manager, IndexSearcher searcher) {
    if (searcher == null) {
      return;
    }
    try {
      manager.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException("releasing a searcher failed", e);
    }
  }
}
