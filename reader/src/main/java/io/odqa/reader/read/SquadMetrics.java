package io.odqa.reader.read;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Answer normalisation, exact match and token F1 as defined by the official SQuAD v1.1
 * evaluation script (Rajpurkar et al., 2016): lower-case, drop punctuation, drop the articles
 * a/an/the, collapse white space. Fusion uses the same normalisation to merge equal answers.
 */
public final class SquadMetrics {
  private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
  private static final Pattern PUNCT = Pattern.compile("\\p{P}|\\p{S}");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private SquadMetrics() {}

  /** The normalised form of an answer. */
  public static String normalise(String s) {
    String t = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    t = PUNCT.matcher(t).replaceAll("");
    t = ARTICLES.matcher(t).replaceAll(" ");
    return SPACE.matcher(t).replaceAll(" ").trim();
  }

  /** 1 when the prediction equals any gold answer after normalisation, else 0. */
  public static double exactMatch(String prediction, List<String> golds) {
    String p = normalise(prediction);
    for (String g : golds) {
      if (p.equals(normalise(g))) {
        return 1.0;
      }
    }
    return 0.0;
  }

  /** The best token-overlap F1 of the prediction against any gold answer. */
  public static double f1(String prediction, List<String> golds) {
    double best = 0;
    for (String g : golds) {
      best = Math.max(best, f1(tokens(prediction), tokens(g)));
    }
    return best;
  }

  private static List<String> tokens(String s) {
    String n = normalise(s);
    return n.isEmpty() ? List.of() : List.of(n.split(" "));
  }

  private static double f1(List<String> pred, List<String> gold) {
    if (pred.isEmpty() || gold.isEmpty()) {
      return pred.equals(gold) ? 1.0 : 0.0;
    }
    Map<String, Integer> counts = new HashMap<>();
    gold.forEach(t -> counts.merge(t, 1, Integer::sum));
    int common = 0;
    for (String t : new ArrayList<>(pred)) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        common++;
        counts.put(t, c - 1);
      }
    }
    if (common == 0) {
      return 0.0;
    }
    double precision = (double) common / pred.size();
    double recall = (double) common / gold.size();
    return 2 * precision * recall / (precision + recall);
  }
}
