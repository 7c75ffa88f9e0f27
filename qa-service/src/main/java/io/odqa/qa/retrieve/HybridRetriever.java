package io.odqa.qa.retrieve;

import io.odqa.core.index.PassageFields;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/**
 * The pipeline's retriever: BM25, dense k-nearest-neighbour search, or both fused ({@link
 * RankFusion}), as the config's {@code retrieval} knobs say. Both searches run on one snapshot
 * of the index. BM25 alone returns its own top {@code k}; the others draw {@code
 * retrieval.depth} candidates from each retriever, so that a smaller {@code k} is a prefix of a
 * larger one (the evaluation sessions cache one deep list per setting).
 */
@ApplicationScoped
public class HybridRetriever implements Retriever {
  private final CollectionSearchers searchers;
  private final Bm25Retriever bm25;
  private final QuestionEncoder encoder;
  private final PassageStore store;

  HybridRetriever(CollectionSearchers searchers, Bm25Retriever bm25, QuestionEncoder encoder,
      PassageStore store) {
    this.searchers = searchers;
    this.bm25 = bm25;
    this.encoder = encoder;
    this.store = store;
  }

  @Override
  public List<ScoredPassage> retrieve(CollectionName collection, AnalyzedQuestion question,
      int k, PipelineConfig config) {
    return trace(collection, question, k, config).passages();
  }

  @Override
  public RetrievalTrace trace(CollectionName collection, AnalyzedQuestion question, int k,
      PipelineConfig config) {
    PipelineConfig.Retrieval r = config.retrieval();
    SearcherManager manager = searchers.refreshed(collection);
    IndexSearcher searcher = null;
    try {
      searcher = manager.acquire();
      // A collection without vectors (embedding off, or not reached yet) costs no encoding.
      Optional<float[]> vector = r.dense() && hasVectors(searcher)
          ? encoder.encode(question.text()) : Optional.empty();
      if (vector.isEmpty()) {
        List<ScoredPassage> hits = bm25.search(searcher, question, k, config);
        return new RetrievalTrace(k, hits, hits, null);
      }
      List<ScoredPassage> dense = DenseRetriever.search(searcher, vector.get(), r.depth());
      if (!r.sparse()) {
        return new RetrievalTrace(k, dense.subList(0, Math.min(k, dense.size())), null, dense);
      }
      List<ScoredPassage> sparse = bm25.search(searcher, question, r.depth(), config);
      return new RetrievalTrace(k, RankFusion.fuse(sparse, dense, r, k), sparse, dense);
    } catch (IOException e) {
      throw new UncheckedIOException("search of collection " + collection + " failed", e);
    } finally {
      Bm25Retriever.release(manager, searcher);
    }
  }

  private static boolean hasVectors(IndexSearcher searcher) {
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(PassageFields.VECTOR);
      if (info != null && info.getVectorDimension() > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<ScoredPassage> passagesOf(CollectionName collection, String docId) {
    return store.document(collection, docId);
  }
}
