package io.odqa.qa.read;

/** No reader model is loaded; the pipeline falls back to whole passages and says so. */
public class ReaderUnavailableException extends RuntimeException {
  public ReaderUnavailableException(String message) {
    super(message);
  }
}
