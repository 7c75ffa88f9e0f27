package io.odqa.ingest.embed;

import io.odqa.core.index.DocumentVectors;
import io.odqa.core.index.IndexedDocument;
import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.Passage;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.index.CollectionIndexes;
import io.odqa.reader.embed.PassageEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.DirectoryReader;
import org.jboss.logging.Logger;

/**
 * Gives the passages of a batch of documents their dense vectors. The passages are read from
 * the index as it is now (a near-real-time reader), not re-chunked from the job's copy, so a
 * document that a later job updated is embedded in its current version, and one deleted since is
 * skipped. They are written back by {@link PassageIndexWriter#addVectors}, which keeps an update
 * or delete that happened while the vectors were computed. Passages that already carry vectors of
 * this encoder (an unchanged document ingested again, a batch replayed after a crash) are not
 * embedded again.
 */
@ApplicationScoped
public class BatchEmbedder {
  private static final Logger LOG = Logger.getLogger(BatchEmbedder.class);
  /**
   * Passages embedded between two checks that the stage may go on: one forward pass of the
   * encoder (a full batch), so a new writing job shares the processors for seconds at most.
   */
  static final int PASSAGES_PER_CHECK = PassageEncoder.BATCH;

  private final boolean enabled;
  private final EmbeddingModel model;
  private final CollectionIndexes indexes;

  BatchEmbedder(IngestConfig config, EmbeddingModel model, CollectionIndexes indexes) {
    this.enabled = config.ingest().embed().enabled();
    this.model = model;
    this.indexes = indexes;
  }

  /** Whether documents go through the embedding stage. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * The text the encoder sees for a passage: bge embeds passages as they are, so the title (which
   * often names what the passage is about) comes first as its own paragraph, when there is one.
   */
  public static String input(String title, String text) {
    return title.isEmpty() ? text : title + "\n\n" + text;
  }

  /**
   * Embeds the current passages of documents {@code docIds} in {@code collection} and commits
   * them with their vectors; returns the counter delta {@code embedded} (passages that carry
   * this encoder's vectors now), or empty when {@code proceed} said to stop first (nothing was
   * written). {@code proceed} is asked before every {@link #PASSAGES_PER_CHECK} passages; it may
   * block, to let the writing stage have the processors.
   */
  public Optional<Map<String, Long>> embed(CollectionName collection, List<String> docIds,
      BooleanSupplier proceed) throws IOException {
    PassageEncoder encoder = model.encoder();
    PassageIndexWriter index = indexes.writer(collection);
    Pending pending = pending(index, docIds, encoder.version());
    List<String> texts = new ArrayList<>();
    for (IndexedDocument doc : pending.todo()) {
      for (Passage passage : doc.passages()) {
        texts.add(input(doc.title(), passage.text()));
      }
    }
    long t1 = System.nanoTime();
    Optional<float[][]> vectors = vectors(encoder, texts, proceed);
    if (vectors.isEmpty()) {
      return Optional.empty();
    }
    long t2 = System.nanoTime();
    List<DocumentVectors> batch = new ArrayList<>(pending.todo().size());
    int next = 0;
    for (IndexedDocument doc : pending.todo()) {
      int n = doc.passages().size();
      batch.add(new DocumentVectors(doc, Arrays.asList(vectors.get()).subList(next, next + n),
          encoder.version()));
      next += n;
    }
    List<DocumentVectors> written = index.addVectors(batch);
    index.commit();
    long passages = written.stream().mapToLong(w -> w.vectors().size()).sum();
    LOG.infof("embedded %d passages of %d documents in %d ms (%.1f passages/s), wrote %d with "
        + "vectors in %d ms; %d passages already had them, %d documents were gone, %d changed "
        + "meanwhile", texts.size(), batch.size(), (t2 - t1) / 1_000_000,
        texts.size() / Math.max(1e-9, (t2 - t1) / 1e9), passages,
        (System.nanoTime() - t2) / 1_000_000, pending.present(), pending.gone(),
        batch.size() - written.size());
    return Optional.of(Map.of("embedded", pending.present() + passages));
  }

  /**
   * What a batch leaves to embed.
   *
   * @param todo the documents whose passages lack this encoder's vectors, as the index holds them
   * @param present passages that already carry them
   * @param gone documents of the batch no longer in the index (deleted since)
   */
  private record Pending(List<IndexedDocument> todo, long present, int gone) {}

  private static Pending pending(PassageIndexWriter index, List<String> docIds, String version)
      throws IOException {
    List<IndexedDocument> todo = new ArrayList<>();
    long present = 0;
    int gone = 0;
    try (DirectoryReader reader = index.openReader()) {
      for (String id : new LinkedHashSet<>(docIds)) {
        Optional<IndexedDocument> doc = IndexedDocument.read(reader, id);
        if (doc.isEmpty()) {
          gone++;
        } else if (doc.get().hasVectorsOf(version)) {
          present += doc.get().passages().size();
        } else {
          todo.add(doc.get());
        }
      }
    }
    return new Pending(todo, present, gone);
  }

  /**
   * The vectors of {@code texts}, in order, computed longest first in slices of similar length
   * (little padding), asking {@code proceed} before each slice; empty when it said to stop.
   */
  private static Optional<float[][]> vectors(PassageEncoder encoder, List<String> texts,
      BooleanSupplier proceed) {
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> texts.get(i).length()).reversed()
        .thenComparingInt(i -> i));
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < order.length; from += PASSAGES_PER_CHECK) {
      if (!proceed.getAsBoolean()) {
        return Optional.empty();
      }
      int to = Math.min(order.length, from + PASSAGES_PER_CHECK);
      List<String> slice = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        slice.add(texts.get(order[k]));
      }
      List<float[]> embedded = encoder.embedPassages(slice);
      for (int k = from; k < to; k++) {
        out[order[k]] = embedded.get(k - from);
      }
    }
    return Optional.of(out);
  }
}
