package io.odqa.service.json;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON request body must be well-formed UTF-8 before it is parsed. Jackson's own decoder lets
 * some malformed sequences through (an overlong {@code C0 AF} becomes '/'), so every JSON body
 * is checked with the JDK's strict decoder first; a malformed one is refused with 400 naming the
 * byte offset. Bodies of other types (documents, triples) are decoded where they are read, line
 * by line, so that one bad document does not refuse the others.
 */
@Provider
public class StrictUtf8 implements ReaderInterceptor {
  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type != null && ("json".equals(type.getSubtype())
        || type.getSubtype().endsWith("+json"))) {
      byte[] body = context.getInputStream().readAllBytes();
      int bad = firstMalformedByte(body);
      if (bad >= 0) {
        throw new BadRequestException("the JSON body is not valid UTF-8: malformed byte"
            + " sequence at byte offset " + bad);
      }
      context.setInputStream(new ByteArrayInputStream(body));
    }
    return context.proceed();
  }

  /** The offset of the first byte that is not part of well-formed UTF-8, or -1. */
  static int firstMalformedByte(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        CoderResult flushed = decoder.flush(out.clear());
        return flushed.isError() ? in.position() : -1;
      }
      out.clear();
    }
  }
}
