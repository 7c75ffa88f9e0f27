package io.odqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.core.api.ApiKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * JSON over HTTP/1.1 to one ODQA service on this machine. The base URL must be {@code http://}
 * on a loopback address: these commands change what is served and flood services with
 * questions, so they never reach another host. A service that cannot be reached is a
 * {@link CliFailure}; any HTTP status is returned for the caller to judge.
 */
final class ServiceClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** From {@code ODQA_API_KEY}: sent with every request when set. */
  private static final Optional<String> API_KEY = ApiKey.fromEnvironment();

  /** An answer: status, body and the {@code Retry-After} seconds, if any. */
  record Response(int status, String body, OptionalLong retryAfterSeconds) {
    /** The body as JSON; a {@link CliFailure} when it is not JSON. */
    JsonNode json() {
      try {
        return Output.JSON.readTree(body);
      } catch (IOException e) {
        throw new CliFailure("expected JSON, got HTTP " + status + ": " + abbreviate(body));
      }
    }

    /** The {@code detail} of a problem body, or the body itself. */
    String detail() {
      try {
        JsonNode problem = Output.JSON.readTree(body);
        if (problem != null && problem.path("detail").isTextual()) {
          return problem.get("detail").asText();
        }
      } catch (IOException e) {
        // not a problem body: the raw text says what there is to say
      }
      return abbreviate(body);
    }
  }

  private final HttpClient http;
  private final String base;
  private final String name;

  private ServiceClient(HttpClient http, String base, String name) {
    this.http = http;
    this.base = base;
    this.name = name;
  }

  /**
   * A client of service {@code name} at {@code url}, the value of {@code option}.
   *
   * @throws CommandLine.ParameterException when the URL is not http:// on a loopback address
   */
  static ServiceClient of(CommandSpec spec, String option, String name, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          option + " is not a URL: '" + url + "'");
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || !isLoopback(uri.getHost())) {
      throw new CommandLine.ParameterException(spec.commandLine(), option
          + " must be http:// on a loopback address (127.0.0.0/8, localhost, [::1]); got '"
          + url + "'");
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT).build();
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return new ServiceClient(http, base, name);
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String base() {
    return base;
  }

  Response get(String path, Duration timeout) {
    return send(request(path, timeout).GET().build());
  }

  Response post(String path, Object body, Duration timeout) {
    return send(request(path, timeout).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Output.json(body))).build());
  }

  /** {@code POST path} with a body of another media type (a JSONL document, say). */
  Response postRaw(String path, String body, String contentType, Duration timeout) {
    return send(request(path, timeout).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** {@code GET path} accepting plain text, such as Prometheus's {@code /q/metrics}. */
  Response getText(String path, Duration timeout) {
    return send(ApiKey.attach(HttpRequest.newBuilder(URI.create(base + path)), API_KEY)
        .timeout(timeout).header("Accept", "text/plain").GET().build());
  }

  Response delete(String path, Duration timeout) {
    return send(request(path, timeout).DELETE().build());
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    return ApiKey.attach(HttpRequest.newBuilder(URI.create(base + path)), API_KEY)
        .timeout(timeout).header("Accept", "application/json");
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers().firstValueAsLong("Retry-After"));
    } catch (IOException e) {
      throw new CliFailure(name + " not reachable at " + base + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; start it with ./odqa up)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted while calling " + name, e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
