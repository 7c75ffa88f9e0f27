package io.odqa.feedback.label;

import java.util.List;

/**
 * What the feedback says about one question of one collection.
 *
 * @param collection the collection it was asked against
 * @param question the question as first asked
 * @param positive the answer the feedback confirms (a {@code correct} verdict's shown answer or
 *     a correction), or null when it confirms none
 * @param negatives answers the feedback rejects, in SQuAD normal form, sorted
 * @param passageId the passage of the positive answer when an event named one, else null
 * @param firstEventId the question's first event (earliest, then smallest id): it alone decides
 *     the split, so a question never changes part as more feedback arrives
 * @param heldOut whether it belongs to the held-out part
 * @param events how many events the question has
 */
public record LabelledQuestion(String collection, String question, String positive,
    List<String> negatives, String passageId, String firstEventId, boolean heldOut, int events) {
  public LabelledQuestion {
    negatives = List.copyOf(negatives);
  }

  /** Whether the question has a confirmed answer (it can be scored by F1). */
  public boolean hasPositive() {
    return positive != null;
  }
}
