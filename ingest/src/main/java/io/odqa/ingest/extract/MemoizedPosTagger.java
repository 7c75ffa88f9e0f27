package io.odqa.ingest.extract;

import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.DefaultPOSContextGenerator;
import opennlp.tools.postag.POSContextGenerator;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTagFormatMapper;
import opennlp.tools.postag.POSTaggerFactory;
import opennlp.tools.postag.POSTaggerME;

/**
 * Penn Treebank part-of-speech tagging that returns exactly what
 * {@code new POSTaggerME(model, POSTagFormat.PENN).tag(words)} returns, through
 * {@link MemoizedBeamSearch}. The constructor wires the search as {@code POSTaggerME}'s does:
 * beam size from the manifest (default {@value POSTaggerME#DEFAULT_BEAM_SIZE}), the factory's
 * context generator and sequence validator (tag dictionary), and no additional context.
 *
 * <p>Only models whose factory gives a {@link DefaultPOSContextGenerator} (OpenNLP 1.5 models
 * such as {@code en-pos-maxent.bin}) are accepted, since that generator reads only the previous
 * two tags; a configurable feature generator may read any window. Only models whose tags are
 * Penn are accepted, since for them {@code POSTaggerME}'s Penn output is the raw outcomes.
 * Not thread-safe.
 */
final class MemoizedPosTagger {
  private static final String MAXENT_ENTRY = "pos.model";

  private final MemoizedBeamSearch<String> search;

  MemoizedPosTagger(POSModel model) {
    POSTaggerFactory factory = model.getFactory();
    int beamSize = MemoizedBeamSearch.beamSize(model, POSTaggerME.DEFAULT_BEAM_SIZE);
    POSContextGenerator contexts = factory.getPOSContextGenerator(beamSize);
    if (contexts.getClass() != DefaultPOSContextGenerator.class) {
      throw new IllegalArgumentException("POS context generator must be "
          + DefaultPOSContextGenerator.class.getName() + ", got " + contexts.getClass().getName());
    }
    MaxentModel maxent = MemoizedBeamSearch.maxent(model, MAXENT_ENTRY);
    String[] outcomes = new String[maxent.getNumOutcomes()];
    for (int i = 0; i < outcomes.length; i++) {
      outcomes[i] = maxent.getOutcome(i);
    }
    POSTagFormat format = new POSTagFormatMapper(outcomes) { }.getGuessedFormat();
    if (format != POSTagFormat.PENN) {
      throw new IllegalArgumentException("POS model tags must be PENN, guessed " + format);
    }
    this.search = new MemoizedBeamSearch<>(beamSize, maxent, contexts,
        factory.getSequenceValidator());
  }

  /** One Penn tag per word. */
  String[] tag(String[] words) {
    return search.bestOutcomes(words, null);
  }
}
