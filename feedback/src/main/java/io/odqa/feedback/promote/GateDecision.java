package io.odqa.feedback.promote;

/**
 * What the gate decided, with its numbers.
 *
 * @param promoted whether the candidate replaces the champion
 * @param champion the champion's mean F1 on the held-out questions
 * @param candidate the candidate's mean F1 on them
 * @param delta mean paired difference (candidate − champion)
 * @param ciLow lower bound of its 95% bootstrap interval
 * @param ciHigh upper bound
 * @param n held-out questions compared
 * @param reason why, in words
 */
public record GateDecision(boolean promoted, double champion, double candidate, double delta,
    double ciLow, double ciHigh, int n, String reason) {

  /** {@code promoted} or {@code rejected}. */
  public String decision() {
    return promoted ? "promoted" : "rejected";
  }
}
