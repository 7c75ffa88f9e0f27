package io.odqa.reader.read;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The model's {@code tokenizer.json}, used without special tokens, truncation or padding: the
 * reader lays out {@code [CLS] question [SEP] window [SEP]} itself, so that it controls the
 * windows and keeps every token's character span in the passage.
 */
public final class QaTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final long cls;
  private final long sep;

  /** Token ids with each token's character span {@code [start, end)} in the input text. */
  public record Tokens(long[] ids, int[] starts, int[] ends) {
    /** Number of tokens. */
    public int size() {
      return ids.length;
    }
  }

  /** Loads {@code tokenizer.json}. */
  public QaTokenizer(Path tokenizerJson) throws IOException {
    this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
        "addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    long[] framed = tokenizer.encode("a", true, false).getIds();
    if (framed.length < 3) {
      throw new IOException(tokenizerJson + ": the tokenizer adds no [CLS]/[SEP] around a text");
    }
    this.cls = framed[0];
    this.sep = framed[framed.length - 1];
  }

  /** Id of the classification token that starts every input. */
  public long cls() {
    return cls;
  }

  /** Id of the separator token. */
  public long sep() {
    return sep;
  }

  /**
   * Tokenises {@code text} with spans into it as Java {@code String} offsets (UTF-16 units). The
   * native tokenizer counts code points, so offsets after a supplementary character (an emoji,
   * say) are shifted back into UTF-16 units here.
   */
  public Tokens tokenize(String text) {
    Encoding e = tokenizer.encode(text, false, false);
    CharSpan[] spans = e.getCharTokenSpans();
    long[] ids = e.getIds();
    int[] utf16 = text.codePointCount(0, text.length()) == text.length() ? null : utf16Offsets(text);
    int[] starts = new int[ids.length];
    int[] ends = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      starts[i] = spans[i] == null ? -1 : at(utf16, spans[i].getStart());
      ends[i] = spans[i] == null ? -1 : at(utf16, spans[i].getEnd());
    }
    return new Tokens(ids, starts, ends);
  }

  private static int at(int[] utf16, int codePoint) {
    return utf16 == null ? codePoint : utf16[codePoint];
  }

  /** UTF-16 offset of every code-point offset, including the end of the text. */
  private static int[] utf16Offsets(String text) {
    int[] out = new int[text.codePointCount(0, text.length()) + 1];
    int cp = 0;
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      out[cp++] = i;
    }
    out[cp] = text.length();
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
