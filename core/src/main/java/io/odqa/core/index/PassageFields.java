package io.odqa.core.index;

import io.odqa.core.model.Passage;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * Field names of the passage index and the mapping between a {@link Passage} and a Lucene
 * document. Text fields use {@link EnglishAnalyzer} (stop words and Porter stemming).
 */
public final class PassageFields {
  /** Passage id: exact match, stored, and a sort key that breaks score ties. */
  public static final String PASSAGE_ID = "passage_id";
  /** Document id: exact match, so that a document's passages can be replaced together. */
  public static final String DOC_ID = "doc_id";
  /** Document title, analysed and stored. */
  public static final String TITLE = "title";
  /** Passage text, analysed and stored. */
  public static final String TEXT = "text";
  /** Character offsets of the passage in the cleaned document text, stored. */
  public static final String START = "start";
  public static final String END = "end";
  public static final String ORDINAL = "ordinal";
  /**
   * The passage's dense vector (an HNSW graph), absent until the embedding stage has written it.
   * Vectors are unit length, so they are indexed for {@link #VECTOR_SIMILARITY}.
   */
  public static final String VECTOR = "vector";
  /** The encoder that produced {@link #VECTOR} (its version string), stored; absent with it. */
  public static final String VECTOR_MODEL = "vector_model";
  /** Similarity of {@link #VECTOR}: the dot product, which is the cosine of unit vectors. */
  public static final VectorSimilarityFunction VECTOR_SIMILARITY =
      VectorSimilarityFunction.DOT_PRODUCT;
  /** How far a vector's Euclidean norm may be from 1 (float rounding of a normalised vector). */
  public static final double UNIT_NORM_TOLERANCE = 1e-3;

  private PassageFields() {}

  /** The analyzer for both indexing and querying. */
  public static Analyzer analyzer() {
    return new EnglishAnalyzer();
  }

  /** The Lucene document that stores {@code passage} of a document titled {@code title}. */
  public static Document toLucene(Passage passage, String title) {
    return toLucene(passage, title, null, null);
  }

  /**
   * The Lucene document that stores {@code passage} of a document titled {@code title} with its
   * dense vector, or without one when {@code vectorOrNull} is null.
   *
   * @param vectorOrNull a unit vector (norm within {@link #UNIT_NORM_TOLERANCE} of 1), or null
   * @param model the encoder that produced the vector; required with a vector, ignored without
   * @throws IllegalArgumentException for a vector that is empty, not finite or not unit length,
   *     or a vector without a model name
   */
  public static Document toLucene(Passage passage, String title, float[] vectorOrNull,
      String model) {
    Document doc = new Document();
    doc.add(new StringField(PASSAGE_ID, passage.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(PASSAGE_ID, new BytesRef(passage.id())));
    doc.add(new StringField(DOC_ID, passage.docId(), Field.Store.YES));
    doc.add(new TextField(TITLE, title, Field.Store.YES));
    doc.add(new TextField(TEXT, passage.text(), Field.Store.YES));
    doc.add(new StoredField(START, passage.start()));
    doc.add(new StoredField(END, passage.end()));
    doc.add(new StoredField(ORDINAL, passage.ordinal()));
    if (vectorOrNull != null) {
      requireUnitVector(passage.id(), vectorOrNull);
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException(
            "model must name the encoder of the vector of passage " + passage.id() + ", got '"
                + model + "'");
      }
      doc.add(new KnnFloatVectorField(VECTOR, vectorOrNull, VECTOR_SIMILARITY));
      doc.add(new StringField(VECTOR_MODEL, model, Field.Store.YES));
    }
    return doc;
  }

  /**
   * Dot-product similarity ranks correctly only for unit vectors, and Lucene 9 does not check:
   * a vector that is not normalised would be indexed and silently mis-scored.
   */
  private static void requireUnitVector(String passageId, float[] vector) {
    if (vector.length == 0) {
      throw new IllegalArgumentException("vector of passage " + passageId + " is empty");
    }
    double squares = 0;
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new IllegalArgumentException("vector of passage " + passageId + " has " + vector[i]
            + " at dimension " + i + "; every value must be finite");
      }
      squares += (double) vector[i] * vector[i];
    }
    double norm = Math.sqrt(squares);
    if (Math.abs(norm - 1.0) > UNIT_NORM_TOLERANCE) {
      throw new IllegalArgumentException("vector of passage " + passageId + " has norm " + norm
          + "; it must be in [" + (1 - UNIT_NORM_TOLERANCE) + ", " + (1 + UNIT_NORM_TOLERANCE)
          + "] for " + VECTOR_SIMILARITY);
    }
  }

  /** The passage stored in {@code doc}, as {@link #toLucene} wrote it. */
  public static Passage fromLucene(Document doc) {
    return new Passage(doc.get(PASSAGE_ID), doc.get(DOC_ID), intOf(doc, ORDINAL),
        intOf(doc, START), intOf(doc, END), doc.get(TEXT));
  }

  private static int intOf(Document doc, String name) {
    IndexableField field = doc.getField(name);
    if (field == null || field.numericValue() == null) {
      throw new IllegalStateException("passage index document lacks numeric field " + name);
    }
    return field.numericValue().intValue();
  }
}
