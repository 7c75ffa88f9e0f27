package io.odqa.console;

/**
 * The console's two roles. A viewer sees every page; an operator also changes state (uploads,
 * deletions, feedback, retunes, promotions and rollbacks). An operator is given both roles.
 */
public final class Roles {
  /** May read every page. */
  public static final String VIEWER = "viewer";
  /** May change state. */
  public static final String OPERATOR = "operator";

  private Roles() {}
}
