package io.odqa.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.chunker.ChunkerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * Owns the four immutable OpenNLP 1.5 English models (sentence detector, tokenizer, maxent
 * part-of-speech tagger, chunker). Model objects are thread-safe and meant to be shared; the
 * {@code *ME} classes built from them are not, so each worker builds its own.
 *
 * @param sentences sentence detector model ({@code en-sent.bin})
 * @param tokens tokenizer model ({@code en-token.bin})
 * @param posTags part-of-speech model ({@code en-pos-maxent.bin})
 * @param chunks chunker model ({@code en-chunker.bin})
 */
public record OpenNlpModels(
    SentenceModel sentences, TokenizerModel tokens, POSModel posTags, ChunkerModel chunks) {

  public OpenNlpModels {
    if (sentences == null || tokens == null || posTags == null || chunks == null) {
      throw new IllegalArgumentException("all four models must be non-null");
    }
  }

  /** Loads the models from the classpath roots of the knowitall {@code opennlp-*-models} jars. */
  public static OpenNlpModels fromClasspath() {
    return new OpenNlpModels(
        load("/en-sent.bin", SentenceModel::new),
        load("/en-token.bin", TokenizerModel::new),
        load("/en-pos-maxent.bin", POSModel::new),
        load("/en-chunker.bin", ChunkerModel::new));
  }

  private interface ModelReader<T> {
    T read(InputStream in) throws IOException;
  }

  private static <T> T load(String resource, ModelReader<T> reader) {
    try (InputStream in = OpenNlpModels.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("OpenNLP model " + resource + " is not on the classpath");
      }
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read OpenNLP model " + resource, e);
    }
  }
}
