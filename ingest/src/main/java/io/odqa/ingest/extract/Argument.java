package io.odqa.ingest.extract;

/**
 * A candidate argument noun phrase, in token indices of its sentence.
 *
 * @param rawStart first token of the phrase as chunked, before trimming
 * @param rawEnd token after the phrase as chunked
 * @param start first token of the mention after trimming articles and punctuation
 * @param end token after the mention
 * @param article the trimmed leading article in lower case ({@code a}, {@code an},
 *     {@code the}), or empty
 * @param named whether the mention contains a proper noun or a number written in digits
 * @param contextual whether the phrase is a definite common noun ("the city", "the fact")
 *     whose referent only the surrounding text identifies; "of" extensions are not contextual
 */
record Argument(int rawStart, int rawEnd, int start, int end, String article, boolean named,
    boolean contextual) {

  boolean indefinite() {
    return article.equals("a") || article.equals("an");
  }
}
