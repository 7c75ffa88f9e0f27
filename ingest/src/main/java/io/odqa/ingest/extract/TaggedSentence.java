package io.odqa.ingest.extract;

/**
 * One sentence after tokenisation, part-of-speech tagging and chunking. Token offsets are in
 * document coordinates; {@link #mention(int, int)} slices the passage text, so a mention's text
 * is exactly the document text between its offsets.
 */
final class TaggedSentence {
  private final String passageText;
  private final int passageStart;
  private final int start;
  private final int end;
  private final String[] tokens;
  private final int[] tokenStarts;
  private final int[] tokenEnds;
  private final String[] tags;
  private final String[] chunks;

  /**
   * @param passageText the passage text that the sentence lies in
   * @param passageStart offset of the passage in its document
   * @param start sentence start, in passage coordinates
   * @param end sentence end, in passage coordinates
   * @param tokenStarts token starts, in passage coordinates
   * @param tokenEnds token ends, in passage coordinates
   */
  TaggedSentence(String passageText, int passageStart, int start, int end, String[] tokens,
      int[] tokenStarts, int[] tokenEnds, String[] tags, String[] chunks) {
    this.passageText = passageText;
    this.passageStart = passageStart;
    this.start = start;
    this.end = end;
    this.tokens = tokens;
    this.tokenStarts = tokenStarts;
    this.tokenEnds = tokenEnds;
    this.tags = tags;
    this.chunks = chunks;
  }

  int size() {
    return tokens.length;
  }

  String token(int i) {
    return tokens[i];
  }

  String lower(int i) {
    return tokens[i].toLowerCase(java.util.Locale.ROOT);
  }

  String tag(int i) {
    return tags[i];
  }

  String chunk(int i) {
    return chunks[i];
  }

  /** Sentence start in document coordinates. */
  int documentStart() {
    return passageStart + start;
  }

  /** Sentence end in document coordinates. */
  int documentEnd() {
    return passageStart + end;
  }

  /** The mention covering tokens {@code [from, to)}, with document offsets. */
  Mention mention(int from, int to) {
    int s = tokenStarts[from];
    int e = tokenEnds[to - 1];
    return new Mention(passageText.substring(s, e), passageStart + s, passageStart + e);
  }
}
