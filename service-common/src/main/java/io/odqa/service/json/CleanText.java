package io.odqa.service.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * A JSON string, and only a JSON string, as a Java string: a number, boolean, array or object is
 * refused, and so is text that no one types: a lone UTF-16 surrogate (an unpaired
 * {@code \ud800} escape) or a control character other than tab, line feed and carriage return.
 */
final class CleanText extends StdScalarDeserializer<String> {
  CleanText() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (String) ctxt.handleUnexpectedToken(String.class, p);
    }
    String text = p.getText();
    String problem = problem(text);
    if (problem != null) {
      return (String) ctxt.handleWeirdStringValue(String.class, abbreviate(text), problem);
    }
    return text;
  }

  /** What is wrong with {@code text}, or null when nothing is. */
  static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return "lone UTF-16 surrogate at character " + i;
      }
      if (Character.isLowSurrogate(c)) {
        return "lone UTF-16 surrogate at character " + i;
      }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return String.format("control character U+%04X at character %d", (int) c, i);
      }
    }
    return null;
  }

  private static String abbreviate(String text) {
    String shown = text.length() <= 40 ? text : text.substring(0, 40) + "...";
    StringBuilder safe = new StringBuilder();
    shown.codePoints().forEach(cp -> {
      if (cp < 0x20 || Character.getType(cp) == Character.SURROGATE) {
        safe.append(String.format("\\u%04X", cp));
      } else {
        safe.appendCodePoint(cp);
      }
    });
    return safe.toString();
  }
}
