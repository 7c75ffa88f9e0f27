package io.odqa.core.index;

import io.odqa.core.model.Passage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

/**
 * One document's passages as a snapshot of the index holds them, in passage order.
 *
 * @param docId the document id
 * @param title the stored title (the same on every passage of a document)
 * @param passages the live passages, by ordinal
 * @param vectorModel the encoder whose vectors every passage carries, or empty when some passage
 *     has no vector or the passages' models differ
 */
public record IndexedDocument(String docId, String title, List<Passage> passages,
    String vectorModel) {

  public IndexedDocument {
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(vectorModel, "vectorModel");
    passages = List.copyOf(passages);
    if (passages.isEmpty()) {
      throw new IllegalArgumentException("document " + docId + " has no passages");
    }
  }

  /** The live passages of {@code docId} in {@code reader}, or empty when it has none. */
  public static Optional<IndexedDocument> read(IndexReader reader, String docId)
      throws IOException {
    Term term = new Term(PassageFields.DOC_ID, docId);
    List<Document> docs = new ArrayList<>();
    for (LeafReaderContext context : reader.leaves()) {
      LeafReader leaf = context.reader();
      PostingsEnum postings = leaf.postings(term, PostingsEnum.NONE);
      if (postings == null) {
        continue;
      }
      Bits live = leaf.getLiveDocs();
      StoredFields stored = leaf.storedFields();
      for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
        if (live == null || live.get(d)) {
          docs.add(stored.document(d));
        }
      }
    }
    if (docs.isEmpty()) {
      return Optional.empty();
    }
    List<Passage> passages = new ArrayList<>(docs.size());
    String model = docs.get(0).get(PassageFields.VECTOR_MODEL);
    for (Document doc : docs) {
      passages.add(PassageFields.fromLucene(doc));
      if (!Objects.equals(model, doc.get(PassageFields.VECTOR_MODEL))) {
        model = null;
      }
    }
    passages.sort(Comparator.comparingInt(Passage::ordinal).thenComparing(Passage::id));
    String title = docs.get(0).get(PassageFields.TITLE);
    return Optional.of(new IndexedDocument(docId, title == null ? "" : title, passages,
        model == null ? "" : model));
  }

  /** Whether every passage carries a vector of encoder {@code model}. */
  public boolean hasVectorsOf(String model) {
    return !vectorModel.isEmpty() && vectorModel.equals(model);
  }

  /**
   * Whether {@code other} holds the same title and the same passages (ids, offsets and texts):
   * a vector computed from one is then the vector of the other.
   */
  public boolean sameContent(IndexedDocument other) {
    return docId.equals(other.docId) && title.equals(other.title)
        && passages.equals(other.passages);
  }
}
