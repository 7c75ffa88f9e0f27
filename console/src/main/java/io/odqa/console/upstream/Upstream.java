package io.odqa.console.upstream;

import io.odqa.console.ConsoleConfig;
import io.odqa.core.api.Problem;
import io.odqa.service.ProblemMappers;
import io.odqa.service.security.OutboundApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jboss.logging.Logger;

/**
 * Forwards a console request to a service. The service's status, media type and body come back
 * as they are (its validation is the one that counts); a service that cannot be reached gives a
 * 502 problem naming it, and one that does not answer in time a 504.
 */
@ApplicationScoped
public class Upstream {
  private static final Logger LOG = Logger.getLogger(Upstream.class);
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(java.time.Duration.ofSeconds(3)).build();
  private final ConsoleConfig config;
  private final OutboundApiKey apiKey;

  Upstream(ConsoleConfig config, OutboundApiKey apiKey) {
    this.config = config;
    this.apiKey = apiKey;
  }

  /** The service's base URL. */
  public URI base(Service service) {
    return switch (service) {
      case QA -> config.qaUrl();
      case INGEST -> config.ingestUrl();
      case FEEDBACK -> config.feedbackUrl();
    };
  }

  /** {@code GET path?query}; a list value repeats the parameter, a null one is left out. */
  public Response get(Service service, String path, Map<String, ?> query) {
    return send(service, "GET", path + queryString(query), null, null);
  }

  /** {@code POST path} with a JSON body. */
  public Response postJson(Service service, String path, byte[] json) {
    return send(service, "POST", path, json, MediaType.APPLICATION_JSON);
  }

  /** Any method, with an optional body of the given media type, accepting JSON. */
  public Response send(Service service, String method, String pathAndQuery, byte[] body,
      String contentType) {
    return send(service, method, pathAndQuery, body, contentType,
        MediaType.APPLICATION_JSON + ", application/problem+json");
  }

  /** {@code GET path} accepting plain text (Prometheus's exposition on {@code /q/metrics}). */
  public Response getText(Service service, String path) {
    return send(service, "GET", path, null, null, MediaType.TEXT_PLAIN);
  }

  private Response send(Service service, String method, String pathAndQuery, byte[] body,
      String contentType, String accept) {
    URI uri = base(service).resolve(pathAndQuery);
    HttpRequest.Builder request = apiKey.attach(HttpRequest.newBuilder(uri))
        .timeout(config.timeout()).header("Accept", accept);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<byte[]> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofByteArray());
      Response.ResponseBuilder out = Response.status(response.statusCode())
          .entity(response.body());
      response.headers().firstValue("Content-Type").ifPresent(t -> out.type(t));
      return out.build();
    } catch (HttpTimeoutException e) {
      return unavailable(504, service, "did not answer within " + config.timeout());
    } catch (IOException e) {
      LOG.debugf(e, "%s %s failed", method, uri);
      return unavailable(502, service, "is unreachable at " + base(service) + " (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unavailable(503, service, "request interrupted");
    }
  }

  /**
   * {@code value} as one URL path segment. The segments {@code .} and {@code ..} are refused:
   * the service would normalise them and the request would reach another endpoint.
   */
  public static String segment(String name, String value) {
    if (value == null || value.isBlank() || value.equals(".") || value.equals("..")) {
      throw new BadRequestException(name + " must be a non-empty name other than . and ..: '"
          + value + "'");
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Query parameters from alternating names and values, in order; null values are left out. */
  public static Map<String, Object> params(Object... namesAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        out.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return out;
  }

  private static Response unavailable(int status, Service service, String what) {
    return ProblemMappers.respond(Problem.of(status, service.label() + " " + what));
  }

  /** {@code ?a=1&b=2} from {@code query} (see {@link #get}), or "" when it is empty. */
  public static String queryString(Map<String, ?> query) {
    StringJoiner out = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((k, v) -> {
      if (v instanceof List<?> values) {
        values.forEach(x -> out.add(encode(k) + "=" + encode(String.valueOf(x))));
      } else if (v != null) {
        out.add(encode(k) + "=" + encode(String.valueOf(v)));
      }
    });
    return out.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
