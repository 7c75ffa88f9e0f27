package io.odqa.service.security;

/**
 * The two roles of the platform, shared by API keys and console users. A {@link #VIEWER} may
 * read what operators see (feedback events, admin settings); an {@link #OPERATOR} may change
 * the platform: ingest and delete, retune, refresh, promote, roll back. Asking and sending
 * feedback need no role.
 */
public final class Roles {
  public static final String VIEWER = "viewer";
  public static final String OPERATOR = "operator";

  private Roles() {}
}
