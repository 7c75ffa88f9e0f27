package io.odqa.core.api;

import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}), the one error shape of every
 * ODQA endpoint.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title short summary of the status
 * @param status the HTTP status code
 * @param detail what was wrong with this request, naming the field, value and limit
 * @param errors per-item or per-field errors, possibly empty
 */
public record Problem(String type, String title, int status, String detail, List<?> errors) {
  /** The media type of a problem body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** A problem of status {@code status} with the standard title and no item errors. */
  public static Problem of(int status, String detail) {
    return of(status, detail, List.of());
  }

  /** A problem of status {@code status} with the standard title. */
  public static Problem of(int status, String detail, List<?> errors) {
    return new Problem("about:blank", title(status), status, detail, errors);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Server Error" : "Client Error";
    };
  }
}
