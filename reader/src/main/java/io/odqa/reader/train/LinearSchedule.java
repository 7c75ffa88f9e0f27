package io.odqa.reader.train;

/**
 * Learning rate with linear warm-up from 0 and linear decay to 0, as Hugging Face's {@code
 * get_linear_schedule_with_warmup}: update {@code k} (0-based) uses {@code base * k / warmup}
 * during warm-up and {@code base * (total - k) / (total - warmup)} after it.
 *
 * @param base peak learning rate
 * @param warmup updates of warm-up
 * @param total updates of the whole run
 */
public record LinearSchedule(float base, int warmup, int total) {
  public LinearSchedule {
    if (total <= 0 || warmup < 0 || warmup > total) {
      throw new IllegalArgumentException("need 0 <= warmup <= total and total > 0, got warmup "
          + warmup + ", total " + total);
    }
  }

  /** The rate of update {@code k}. */
  public float at(int k) {
    if (k < warmup) {
      return base * k / Math.max(1, warmup);
    }
    return base * Math.max(0f, (float) (total - k) / Math.max(1, total - warmup));
  }
}
