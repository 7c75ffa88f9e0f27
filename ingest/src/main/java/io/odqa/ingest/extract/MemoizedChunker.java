package io.odqa.ingest.extract;

import opennlp.tools.chunker.ChunkerContextGenerator;
import opennlp.tools.chunker.ChunkerFactory;
import opennlp.tools.chunker.ChunkerME;
import opennlp.tools.chunker.ChunkerModel;
import opennlp.tools.chunker.DefaultChunkerContextGenerator;
import opennlp.tools.util.TokenTag;

/**
 * Chunking that returns exactly what {@code new ChunkerME(model).chunk(words, tags)} returns,
 * through {@link MemoizedBeamSearch}. The constructor wires the search as {@code ChunkerME}'s
 * and {@code ChunkerModel.getChunkerSequenceModel()} do: beam size from the manifest (default
 * {@value ChunkerME#DEFAULT_BEAM_SIZE}), the factory's context generator and sequence validator,
 * and an empty additional context.
 *
 * <p>Only models whose factory gives a {@link DefaultChunkerContextGenerator} are accepted,
 * since that generator reads only the previous two chunk tags. Not thread-safe.
 */
final class MemoizedChunker {
  private static final String MAXENT_ENTRY = "chunker.model";
  private static final Object[] NO_ADDITIONAL_CONTEXT = {};

  private final MemoizedBeamSearch<TokenTag> search;

  MemoizedChunker(ChunkerModel model) {
    ChunkerFactory factory = model.getFactory();
    ChunkerContextGenerator contexts = factory.getContextGenerator();
    if (contexts.getClass() != DefaultChunkerContextGenerator.class) {
      throw new IllegalArgumentException("chunker context generator must be "
          + DefaultChunkerContextGenerator.class.getName() + ", got "
          + contexts.getClass().getName());
    }
    this.search = new MemoizedBeamSearch<>(
        MemoizedBeamSearch.beamSize(model, ChunkerME.DEFAULT_BEAM_SIZE),
        MemoizedBeamSearch.maxent(model, MAXENT_ENTRY), contexts, factory.getSequenceValidator());
  }

  /** One chunk tag ({@code B-NP}, {@code I-VP}, {@code O}, ...) per word. */
  String[] chunk(String[] words, String[] tags) {
    return search.bestOutcomes(TokenTag.create(words, tags), NO_ADDITIONAL_CONTEXT);
  }
}
