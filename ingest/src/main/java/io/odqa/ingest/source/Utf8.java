package io.odqa.ingest.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict UTF-8 decoding. A lenient decoder would silently replace bad bytes with U+FFFD and
 * shift nothing visible, but the stored text would no longer be the operator's; so invalid
 * input is rejected, naming the byte offset, and binary input (a NUL byte) is named as such.
 */
public final class Utf8 {
  private Utf8() {}

  /** Decodes {@code bytes[from, to)}; the problem message is null when it decoded. */
  public static Decoded decode(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == 0) {
        return new Decoded(null, "binary content (a NUL byte at byte " + (i - from) + ")");
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CharBuffer out = CharBuffer.allocate(to - from);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      return new Decoded(null, "invalid UTF-8 at byte " + (in.position() - from));
    }
    try {
      result = decoder.flush(out);
      if (result.isError()) {
        result.throwException();
      }
    } catch (CharacterCodingException e) {
      return new Decoded(null, "invalid UTF-8 at the end of the input");
    }
    out.flip();
    String text = out.toString();
    // A leading byte-order mark is an encoding artefact, not text.
    return new Decoded(text.startsWith("\uFEFF") ? text.substring(1) : text, null);
  }

  /**
   * Splits {@code body} at line feeds and decodes each line on its own, so that one bad line
   * is reported (with its 1-based number) while the others still decode.
   */
  public static List<Line> lines(byte[] body) {
    List<Line> lines = new ArrayList<>();
    int number = 0;
    for (int from = 0; from < body.length; ) {
      int to = from;
      while (to < body.length && body[to] != '\n') {
        to++;
      }
      lines.add(new Line(++number, decode(body, from, to)));
      from = to + 1;
    }
    return lines;
  }

  /**
   * One line of a multi-line body.
   *
   * @param number 1-based line number
   * @param decoded its text, or why it did not decode
   */
  public record Line(int number, Decoded decoded) {}

  /**
   * The outcome of decoding.
   *
   * @param text the decoded text, or null
   * @param problem why it did not decode, or null
   */
  public record Decoded(String text, String problem) {}
}
