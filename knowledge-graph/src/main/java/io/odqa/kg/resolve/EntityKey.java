package io.odqa.kg.resolve;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The resolution key of an entity name: Unicode-normalised (NFKC), case-folded, punctuation
 * turned into spaces, whitespace collapsed, "&amp;" read as "and", and a trailing legal-form
 * suffix ("Inc.", "Ltd", "GmbH", ...) dropped. Two names with the same key are one entity.
 *
 * <p>The rules are deliberately conservative: a leading "The" is kept ("The Matrix" and
 * "Matrix" stay apart), because merging two different entities is worse for question
 * answering than keeping one entity twice.
 */
public final class EntityKey {
  private static final Set<String> LEGAL_FORMS = Set.of("inc", "incorporated", "corp",
      "corporation", "ltd", "limited", "llc", "plc", "co", "gmbh", "ag", "sa", "nv", "bv");

  private EntityKey() {}

  /**
   * The key of {@code name}; empty only when the name is blank. A name without letters or
   * digits (the film "$") is its own key, case-folded and trimmed.
   */
  public static String of(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
        .replace("&", " and ");
    if (s.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return s.strip().replaceAll("\\s+", " ");
    }
    StringBuilder folded = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      folded.appendCodePoint(Character.isLetterOrDigit(cp) ? cp : ' ');
      i += Character.charCount(cp);
    }
    List<String> tokens = Arrays.stream(folded.toString().trim().split("\\s+"))
        .filter(t -> !t.isEmpty()).toList();
    if (tokens.size() > 1 && LEGAL_FORMS.contains(tokens.get(tokens.size() - 1))) {
      tokens = tokens.subList(0, tokens.size() - 1);
    }
    return String.join(" ", tokens);
  }
}
