package io.odqa.kg.qa;

/**
 * A question's topic entity as linked to a graph node.
 *
 * @param uid the node's uid
 * @param name the node's name
 * @param score in (0, 1]: 1 for a bracketed or verbatim mention, lower for a fuzzy match
 * @param start offset of the mention in the question, or -1 when the match is not verbatim
 * @param end offset just past the mention, or -1
 */
public record LinkedEntity(String uid, String name, double score, int start, int end) {
  /** The question with the mention replaced by {@code <e>}, brackets included. */
  public String mask(String question) {
    if (start < 0) {
      return question;
    }
    int s = start > 0 && question.charAt(start - 1) == '[' ? start - 1 : start;
    int e = end < question.length() && question.charAt(end) == ']' ? end + 1 : end;
    return question.substring(0, s) + "<e>" + question.substring(e);
  }
}
