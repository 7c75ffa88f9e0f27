package io.odqa.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP/1.1 to the services of a fault run, on loopback only, with the run's API key on every
 * request. A fault test expects refused connections and timeouts, so they are answers here
 * (status -1 with the exception in the body), not exceptions.
 */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One answer; {@code status} -1 when there was none (refused, reset, timed out). */
  record Reply(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body as JSON, or a missing node when it is not JSON. */
    JsonNode json() {
      try {
        JsonNode node = JSON.readTree(body);
        return node == null ? JSON.missingNode() : node;
      } catch (IOException e) {
        return JSON.missingNode();
      }
    }

    /** What went wrong, in a few words: the status or the exception's class. */
    String kind() {
      return status >= 0 ? "HTTP " + status : body.replaceAll(":.*", "");
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String apiKey;

  Http(String apiKey) {
    this.apiKey = apiKey;
  }

  Reply get(String url, Duration timeout) {
    return send(request(url, timeout).GET().build());
  }

  Reply post(String url, String body, String contentType, Duration timeout) {
    return send(request(url, timeout).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Reply postJson(String url, Object body, Duration timeout) {
    try {
      return post(url, JSON.writeValueAsString(body), "application/json", timeout);
    } catch (IOException e) {
      throw new IllegalArgumentException("not serialisable as JSON: " + body, e);
    }
  }

  private HttpRequest.Builder request(String url, Duration timeout) {
    URI uri = URI.create(url);
    if (!"127.0.0.1".equals(uri.getHost())) {
      throw new IllegalArgumentException("fault tests call 127.0.0.1 only, got " + url);
    }
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
        .header("X-API-Key", apiKey);
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Reply(-1, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(-1, "InterruptedException: interrupted");
    }
  }
}
