package io.odqa.console.upstream;

/** A service the console fronts, by the name the UI and the problem bodies use. */
public enum Service {
  QA("qa-service"),
  INGEST("ingest"),
  FEEDBACK("feedback");

  private final String label;

  Service(String label) {
    this.label = label;
  }

  /** The service's name, as {@code ./odqa status} prints it. */
  public String label() {
    return label;
  }
}
