package io.odqa.qa.champion;

/** A champion change that cannot be made, with the HTTP status that says why. */
public final class ChampionException extends RuntimeException {
  private final int status;

  public ChampionException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 409 when there is nothing to roll back to, 503 when the topic is unreachable. */
  public int status() {
    return status;
  }
}
