package io.odqa.kg.qa;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text features of a question for {@link PathClassifier}: the topic mention is masked as
 * {@code <e>} so the model learns the question's shape rather than its entity, the text is
 * lower-cased and cut into {@code [a-z0-9<>]+} tokens, and the features are the unigrams and
 * the bigrams over the tokens padded with {@code <s>} and {@code </s>}. The padded bigrams
 * also say where the mask stands ({@code <s> <e>}: the question opens with the entity), which
 * separates "[X] was directed by" from "who directed [X]".
 */
public final class QuestionFeatures {
  /** The mask token that replaces the topic mention. */
  public static final String MASK = "<e>";

  private static final Pattern BRACKETED = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9<>]+");

  private QuestionFeatures() {}

  /** {@code question} with its first bracketed span replaced by {@code <e>}. */
  public static String mask(String question) {
    if (question == null) {
      throw new IllegalArgumentException("question must not be null");
    }
    return BRACKETED.matcher(question).replaceFirst(" " + MASK + " ");
  }

  /** {@code question} with the mention {@code [begin, end)} replaced by {@code <e>}. */
  public static String mask(String question, int begin, int end) {
    if (question == null || begin < 0 || end > question.length() || begin > end) {
      throw new IllegalArgumentException("mention span [" + begin + ", " + end
          + ") is not inside a question of length "
          + (question == null ? "null" : question.length()));
    }
    return question.substring(0, begin) + " " + MASK + " " + question.substring(end);
  }

  /** The tokens of a masked question. */
  public static List<String> tokens(String maskedQuestion) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(maskedQuestion.toLowerCase(Locale.ROOT));
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  /** The distinct features of a masked question, in order of first occurrence. */
  public static List<String> of(String maskedQuestion) {
    if (maskedQuestion == null) {
      throw new IllegalArgumentException("maskedQuestion must not be null");
    }
    return of(tokens(maskedQuestion));
  }

  /**
   * The distinct features of the {@link #tokens} of a masked question, in order of first
   * occurrence; training calls it on questions with some tokens dropped.
   */
  public static List<String> of(List<String> tokens) {
    List<String> padded = new ArrayList<>();
    padded.add("<s>");
    padded.addAll(tokens);
    padded.add("</s>");
    Set<String> features = new LinkedHashSet<>();
    for (int i = 1; i < padded.size() - 1; i++) {
      features.add(padded.get(i));
    }
    for (int i = 1; i < padded.size(); i++) {
      features.add(padded.get(i - 1) + " " + padded.get(i));
    }
    return List.copyOf(features);
  }
}
