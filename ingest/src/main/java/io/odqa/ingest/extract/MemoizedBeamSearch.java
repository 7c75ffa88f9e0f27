package io.odqa.ingest.extract;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.BeamSearchContextGenerator;
import opennlp.tools.util.Sequence;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.model.BaseModel;

/**
 * OpenNLP's {@link BeamSearch} over a maxent model whose context generator reads the input and
 * at most the two previous decisions, with every distinct context built and evaluated once per
 * sentence.
 *
 * <p>{@code BeamSearch} asks the context generator and then the model once per beam and token,
 * so a beam of width k costs k contexts and k model evaluations per token. The chunker's
 * ({@code DefaultChunkerContextGenerator}) and the 1.5 part-of-speech tagger's
 * ({@code DefaultPOSContextGenerator}) contexts depend only on the sentence, the position and
 * the previous two decisions, and several beams usually agree on those two, so they ask for the
 * same context again and get the same probabilities again: on the first 600 SQuAD-open
 * paragraphs the chunker (beam 10) asks for 9.6 contexts per token, of which 3.3 are distinct.
 * Here the context generator is wrapped to return one array per (position, previous decision,
 * the decision before it) and the model is wrapped to evaluate each such array once, by
 * identity; both memos are dropped at the start of each sentence. The search itself is
 * OpenNLP's own {@code BeamSearch}, with the caller's beam size, validator and additional
 * context, so it sees the same contexts and the same probabilities, bit for bit, in the same
 * order as without the memos, and returns the same sequence. On those paragraphs chunking takes
 * about 1/1.5 and tagging about 1/1.25 of the time of {@code ChunkerME} and {@code POSTaggerME};
 * less than the 2.9 fewer evaluations suggest, since a repeated evaluation finds the model's
 * parameters already in the CPU cache, and the search's own bookkeeping remains.
 *
 * <p>{@code BeamSearch}'s own {@code cacheSize} option is not used: it caches the probability
 * buffer that every later evaluation overwrites.
 *
 * <p>Not thread-safe: the memos are per-sentence state.
 *
 * @param <T> the type of the items tagged (words, or word–tag pairs for the chunker)
 */
final class MemoizedBeamSearch<T> {
  private final BeamSearchContextGenerator<T> contexts;
  private final SequenceValidator<T> validator;
  private final ContextMemo contextMemo = new ContextMemo();
  private final EvalMemo evalMemo;
  private final BeamSearch search;

  /**
   * @param beamSize beam width, as the model's manifest gives it to OpenNLP's tagger
   * @param model the maxent model the tagger evaluates
   * @param contexts a context generator that reads no decision before the previous two
   * @param validator the tagger's sequence validator
   */
  MemoizedBeamSearch(int beamSize, MaxentModel model, BeamSearchContextGenerator<T> contexts,
      SequenceValidator<T> validator) {
    if (beamSize < 1) {
      throw new IllegalArgumentException("beamSize must be >= 1, got " + beamSize);
    }
    if (model == null || contexts == null || validator == null) {
      throw new IllegalArgumentException("model, contexts and validator must be non-null");
    }
    this.contexts = contexts;
    this.validator = validator;
    this.evalMemo = new EvalMemo(model);
    this.search = new BeamSearch(beamSize, evalMemo);
  }

  /**
   * The beam size an OpenNLP tagger reads from {@code model}'s manifest, or {@code fallback}
   * (the tagger's default) when the manifest has none.
   */
  static int beamSize(BaseModel model, int fallback) {
    String size = model.getManifestProperty(BeamSearch.BEAM_SIZE_PARAMETER);
    return size == null ? fallback : Integer.parseInt(size);
  }

  /** The maxent model stored in {@code model} under {@code entry}; anything else is refused. */
  static MaxentModel maxent(BaseModel model, String entry) {
    if (!(model.getArtifact(entry) instanceof MaxentModel maxent)) {
      throw new IllegalArgumentException("model entry " + entry + " must be a maxent model, got "
          + model.getArtifact(entry));
    }
    return maxent;
  }

  /** The best outcome sequence for {@code sequence}, as {@code BeamSearch.bestSequence}. */
  String[] bestOutcomes(T[] sequence, Object[] additionalContext) {
    contextMemo.clear();
    evalMemo.clear();
    Sequence best = search.bestSequence(sequence, additionalContext, contextMemo, validator);
    return best.getOutcomes().toArray(new String[0]);
  }

  /** What a context generator that reads two previous decisions depends on, besides input. */
  private record Key(int index, String previous, String beforePrevious) {
  }

  /** One context array per {@link Key}, within one sentence. */
  private final class ContextMemo implements BeamSearchContextGenerator<T> {
    private final Map<Key, String[]> byKey = new HashMap<>();

    void clear() {
      byKey.clear();
    }

    @Override
    public String[] getContext(int index, T[] sequence, String[] priorDecisions,
        Object[] additionalContext) {
      Key key = new Key(index, index >= 1 ? priorDecisions[index - 1] : null,
          index >= 2 ? priorDecisions[index - 2] : null);
      String[] context = byKey.get(key);
      if (context == null) {
        context = contexts.getContext(index, sequence, priorDecisions, additionalContext);
        byKey.put(key, context);
      }
      return context;
    }
  }

  /**
   * Evaluates each context array once; {@link ContextMemo} hands out one array per distinct
   * context, so identity is the right key. Only {@code eval(String[], double[])}, the one call
   * {@code BeamSearch} makes, is memoised; the rest delegate.
   */
  private static final class EvalMemo implements MaxentModel {
    private final MaxentModel model;
    private final Map<String[], double[]> byContext = new IdentityHashMap<>();

    EvalMemo(MaxentModel model) {
      this.model = model;
    }

    void clear() {
      byContext.clear();
    }

    @Override
    public double[] eval(String[] context, double[] probs) {
      double[] known = byContext.get(context);
      if (known == null) {
        double[] computed = model.eval(context, probs);
        byContext.put(context, computed.clone());
        return computed;
      }
      System.arraycopy(known, 0, probs, 0, known.length);
      return probs;
    }

    @Override
    public double[] eval(String[] context) {
      return model.eval(context);
    }

    @Override
    public double[] eval(String[] context, float[] values) {
      return model.eval(context, values);
    }

    @Override
    public String getBestOutcome(double[] outcomes) {
      return model.getBestOutcome(outcomes);
    }

    @Override
    public String getAllOutcomes(double[] outcomes) {
      return model.getAllOutcomes(outcomes);
    }

    @Override
    public String getOutcome(int i) {
      return model.getOutcome(i);
    }

    @Override
    public int getIndex(String outcome) {
      return model.getIndex(outcome);
    }

    @Override
    public int getNumOutcomes() {
      return model.getNumOutcomes();
    }
  }
}
