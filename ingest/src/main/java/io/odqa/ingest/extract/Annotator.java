package io.odqa.ingest.extract;

import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;

/**
 * One worker's OpenNLP session: sentence detection, tokenisation with character spans, Penn
 * Treebank part-of-speech tagging and chunking. Tagging and chunking give exactly OpenNLP's
 * {@code POSTaggerME} (Penn tags) and {@code ChunkerME} output, through {@link MemoizedPosTagger}
 * and {@link MemoizedChunker}, which evaluate each distinct beam context once per sentence. Not
 * thread-safe (the {@code *ME} classes and the memos keep per-call state);
 * {@link OpenNlpTripleExtractor} gives each thread its own.
 */
final class Annotator {
  private final SentenceDetectorME sentences;
  private final TokenizerME tokenizer;
  private final MemoizedPosTagger tagger;
  private final MemoizedChunker chunker;

  Annotator(OpenNlpModels models) {
    this.sentences = new SentenceDetectorME(models.sentences());
    this.tokenizer = new TokenizerME(models.tokens());
    this.tagger = new MemoizedPosTagger(models.posTags());
    this.chunker = new MemoizedChunker(models.chunks());
  }

  /** Sentence spans of {@code text}, trimmed of surrounding whitespace, in text order. */
  Span[] sentences(String text) {
    return sentences.sentPosDetect(text);
  }

  /**
   * Token spans of {@code text.substring(sentence)}, relative to {@code text}, repaired by
   * {@link TokenSpans}.
   */
  Span[] tokens(String text, Span sentence) {
    int offset = sentence.getStart();
    Span[] local = tokenizer.tokenizePos(text.substring(offset, sentence.getEnd()));
    Span[] shifted = new Span[local.length];
    for (int i = 0; i < local.length; i++) {
      shifted[i] = new Span(local[i].getStart() + offset, local[i].getEnd() + offset);
    }
    return TokenSpans.repair(text, shifted);
  }

  /** Tags and chunks the tokens of one sentence. */
  TaggedSentence annotate(String passageText, int passageStart, Span sentence, Span[] tokens) {
    String[] words = new String[tokens.length];
    int[] starts = new int[tokens.length];
    int[] ends = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      starts[i] = tokens[i].getStart();
      ends[i] = tokens[i].getEnd();
      words[i] = passageText.substring(starts[i], ends[i]);
    }
    String[] tags = tagger.tag(words);
    String[] chunks = chunker.chunk(words, tags);
    return new TaggedSentence(passageText, passageStart, sentence.getStart(), sentence.getEnd(),
        words, starts, ends, tags, chunks);
  }
}
