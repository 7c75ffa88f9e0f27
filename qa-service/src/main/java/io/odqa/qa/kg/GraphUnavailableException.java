package io.odqa.qa.kg;

/** The graph could not be queried; the pipeline degrades to text answers. */
public class GraphUnavailableException extends RuntimeException {
  public GraphUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
