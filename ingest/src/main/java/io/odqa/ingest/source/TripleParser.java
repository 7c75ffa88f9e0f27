package io.odqa.ingest.source;

import io.odqa.kg.resolve.EntityKey;
import io.odqa.kg.resolve.RelationType;
import io.odqa.kg.write.Fact;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses structured triples, one per line: {@code head|relation|tail} (MetaQA's {@code kb.txt})
 * or N-Triples ({@code <s> <p> <o> .}, objects may be literals). An IRI becomes the name of its
 * last path segment ({@code .../Douglas_Adams} is "Douglas Adams"). A bad line is reported and
 * the others go on.
 */
public final class TripleParser {
  private static final Pattern NTRIPLE = Pattern.compile(
      "^\\s*(<[^>]*>|_:\\S+)\\s+(<[^>]*>)\\s+(<[^>]*>|_:\\S+|\"((?:[^\"\\\\]|\\\\.)*)\"(?:@[\\w-]+|\\^\\^<[^>]*>)?)\\s*\\.\\s*$");

  private final int maxTriples;

  public TripleParser(int maxTriples) {
    this.maxTriples = maxTriples;
  }

  /** Parses {@code body} as {@code format}: {@code pipe}, {@code ntriples} or {@code auto}. */
  public ParsedTriples parse(byte[] body, String format) {
    if (body == null || body.length == 0) {
      throw new BadRequestException(400, "request body is empty: send head|relation|tail lines "
          + "or N-Triples", List.of());
    }
    String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
    if (!List.of("auto", "pipe", "triples", "ntriples", "nt").contains(f)) {
      throw new BadRequestException(400, "format must be one of auto, pipe, ntriples; got \""
          + format + "\"", List.of());
    }
    List<Fact> facts = new ArrayList<>();
    List<ItemError> errors = new ArrayList<>();
    for (Utf8.Line numbered : Utf8.lines(body)) {
      int line = numbered.number();
      Utf8.Decoded decoded = numbered.decoded();
      if (decoded.problem() != null) {
        errors.add(new ItemError(line, null, "malformed", decoded.problem()));
        continue;
      }
      String text = decoded.text().strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      if (facts.size() + errors.size() >= maxTriples) {
        throw new BadRequestException(413, "a request may carry at most " + maxTriples
            + " triples (odqa.ingest.max-triples-per-request); split the file", List.of());
      }
      boolean nt = f.startsWith("n") || (f.equals("auto") && (text.startsWith("<") || text.startsWith("_:")));
      parseLine(line, text, nt, facts, errors);
    }
    if (facts.isEmpty()) {
      throw new BadRequestException(400, "no valid triple in the request (" + errors.size()
          + " rejected)", errors);
    }
    return new ParsedTriples(facts, errors);
  }

  private static void parseLine(int line, String text, boolean nt, List<Fact> facts,
      List<ItemError> errors) {
    String[] parts;
    if (nt) {
      Matcher m = NTRIPLE.matcher(text);
      if (!m.matches()) {
        errors.add(new ItemError(line, null, "malformed", "not an N-Triples statement"));
        return;
      }
      parts = new String[] {name(m.group(1)), name(m.group(2)),
          m.group(4) != null ? unescape(m.group(4)) : name(m.group(3))};
    } else {
      parts = text.split("\\|", -1);
      if (parts.length != 3) {
        errors.add(new ItemError(line, null, "malformed",
            "expected head|relation|tail, got " + parts.length + " field(s)"));
        return;
      }
    }
    String problem = problem(parts);
    if (problem != null) {
      errors.add(new ItemError(line, null, "malformed", problem));
    } else {
      facts.add(new Fact(parts[0].strip(), parts[1].strip(), parts[2].strip()));
    }
  }

  private static String problem(String[] parts) {
    String[] fields = {"head", "relation", "tail"};
    for (int i = 0; i < 3; i++) {
      if (parts[i].isBlank()) {
        return fields[i] + " is missing";
      }
    }
    if (EntityKey.of(parts[0]).isEmpty() || EntityKey.of(parts[2]).isEmpty()) {
      return "head and tail must not be blank";
    }
    if (RelationType.of(parts[1]).isEmpty()) {
      return "relation needs a letter or digit";
    }
    return null;
  }

  /** The readable name of an IRI or blank node. */
  private static String name(String term) {
    String iri = term.startsWith("<") ? term.substring(1, term.length() - 1) : term;
    int cut = Math.max(iri.lastIndexOf('/'), Math.max(iri.lastIndexOf('#'), iri.lastIndexOf(':')));
    String local = cut >= 0 && cut < iri.length() - 1 ? iri.substring(cut + 1) : iri;
    try {
      local = URLDecoder.decode(local.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // Not percent-encoded after all: keep the segment as written.
    }
    return local.replace('_', ' ');
  }

  private static String unescape(String literal) {
    return literal.replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", "\t")
        .replace("\\\\", "\\");
  }
}
