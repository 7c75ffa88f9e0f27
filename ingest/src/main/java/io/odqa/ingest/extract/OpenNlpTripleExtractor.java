package io.odqa.ingest.extract;

import io.odqa.core.model.Checks;
import io.odqa.core.model.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import opennlp.tools.util.Span;

/**
 * ReVerb-style open information extraction (Fader, Soderland and Etzioni, 2011, "Identifying
 * Relations for Open Information Extraction") over local OpenNLP models: sentences → tokens
 * with character spans → part-of-speech tags → NP/VP/PP chunks → {@link SentenceTripleFinder}.
 *
 * <p>Thread-safe: the models are immutable and shared, and each calling thread gets its own
 * {@link Annotator} through a {@link ThreadLocal} (OpenNLP's {@code *ME} classes are not
 * thread-safe). Sentences longer than {@code maxSentenceTokens} are skipped, because the
 * chunker's errors compound in them and ReVerb's own precision falls with length; they are
 * counted in {@link #sentencesSkipped()}.
 */
public final class OpenNlpTripleExtractor implements TripleExtractor {
  /** Default longest sentence, in tokens, that is searched for triples. */
  public static final int DEFAULT_MAX_SENTENCE_TOKENS = 80;

  private final int maxSentenceTokens;
  private final ThreadLocal<Annotator> annotators;
  private final LongAdder sentencesSeen = new LongAdder();
  private final LongAdder sentencesSkipped = new LongAdder();

  /** An extractor with the default sentence-length limit. */
  public OpenNlpTripleExtractor(OpenNlpModels models) {
    this(models, DEFAULT_MAX_SENTENCE_TOKENS);
  }

  /**
   * @param models the shared models
   * @param maxSentenceTokens longest sentence searched, in tokens, in [1, 10000]
   */
  public OpenNlpTripleExtractor(OpenNlpModels models, int maxSentenceTokens) {
    if (models == null) {
      throw new IllegalArgumentException("models must be non-null");
    }
    this.maxSentenceTokens = Checks.requireRange("maxSentenceTokens", maxSentenceTokens, 1,
        10_000);
    this.annotators = ThreadLocal.withInitial(() -> new Annotator(models));
  }

  @Override
  public List<ExtractedTriple> extract(Passage passage) {
    Annotator annotator = annotators.get();
    String text = passage.text();
    List<ExtractedTriple> triples = new ArrayList<>();
    for (Span sentence : annotator.sentences(text)) {
      sentencesSeen.increment();
      Span[] tokens = annotator.tokens(text, sentence);
      if (tokens.length == 0) {
        continue;
      }
      if (tokens.length > maxSentenceTokens) {
        sentencesSkipped.increment();
        continue;
      }
      TaggedSentence tagged = annotator.annotate(text, passage.start(), sentence, tokens);
      triples.addAll(SentenceTripleFinder.find(tagged, passage.id()));
    }
    return triples;
  }

  /** Sentences seen so far, over all calls and threads. */
  public long sentencesSeen() {
    return sentencesSeen.sum();
  }

  /** Sentences skipped so far for having more than {@code maxSentenceTokens} tokens. */
  public long sentencesSkipped() {
    return sentencesSkipped.sum();
  }
}
