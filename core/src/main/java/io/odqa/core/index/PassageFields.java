package io.odqa.core.index;

import io.odqa.core.model.Passage;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
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

  private PassageFields() {}

  /** The analyzer for both indexing and querying. */
  public static Analyzer analyzer() {
    return new EnglishAnalyzer();
  }

  /** The Lucene document that stores {@code passage} of a document titled {@code title}. */
  public static Document toLucene(Passage passage, String title) {
    Document doc = new Document();
    doc.add(new StringField(PASSAGE_ID, passage.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(PASSAGE_ID, new BytesRef(passage.id())));
    doc.add(new StringField(DOC_ID, passage.docId(), Field.Store.YES));
    doc.add(new TextField(TITLE, title, Field.Store.YES));
    doc.add(new TextField(TEXT, passage.text(), Field.Store.YES));
    doc.add(new StoredField(START, passage.start()));
    doc.add(new StoredField(END, passage.end()));
    doc.add(new StoredField(ORDINAL, passage.ordinal()));
    return doc;
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
