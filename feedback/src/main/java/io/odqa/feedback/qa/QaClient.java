package io.odqa.feedback.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.PipelineConfig;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.service.security.OutboundApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls qa-service's champions and evaluation-session endpoints. Scoring a session's first
 * config reads every question's passages, which takes minutes on a CPU, so calls may take as long
 * as {@code odqa.qa.call-timeout}.
 */
@ApplicationScoped
public class QaClient {
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper mapper;
  private final URI base;
  private final Duration timeout;
  private final OutboundApiKey apiKey;

  QaClient(ObjectMapper mapper, FeedbackConfig config, OutboundApiKey apiKey) {
    this.mapper = mapper;
    this.apiKey = apiKey;
    this.base = URI.create(config.qa().url().replaceAll("/+$", "") + "/");
    this.timeout = config.qa().callTimeout();
  }

  /** The config, reader model and graph model in force. */
  public QaChampions champions() {
    return champions(timeout);
  }

  /** As {@link #champions()}, waiting at most {@code within} for the answer. */
  public QaChampions champions(Duration within) {
    JsonNode n = call("GET", "api/v1/champions", null, within);
    try {
      PipelineConfig config = mapper.treeToValue(n.path("config").path("config"),
          PipelineConfig.class);
      JsonNode model = n.path("model");
      JsonNode graph = n.path("graph");
      return new QaChampions(config, model.path("version").asText("none"),
          model.hasNonNull("dir") ? model.get("dir").asText() : null,
          graph.path("version").asText("none"),
          graph.hasNonNull("dir") ? graph.get("dir").asText() : null);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new QaServiceException("qa-service returned unreadable champions: " + n, e);
    }
  }

  /** qa-service's {@code /api/v1/champions} as it answers it. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> championsView() {
    return mapper.convertValue(call("GET", "api/v1/champions", null), Map.class);
  }

  /** Opens a session over {@code questions}; {@code modelDir} null reads with the live model. */
  public String openSession(String collection, List<EvalQuestion> questions, String modelDir) {
    return openSession(collection, questions, modelDir, null);
  }

  /**
   * Opens a session over {@code questions}; a null {@code modelDir} or {@code graphModelDir}
   * uses the live reader or graph model.
   */
  public String openSession(String collection, List<EvalQuestion> questions, String modelDir,
      String graphModelDir) {
    Map<String, Object> body = new HashMap<>();
    body.put("collection", collection);
    body.put("questions", questions);
    if (modelDir != null) {
      body.put("modelDir", modelDir);
    }
    if (graphModelDir != null) {
      body.put("graphModelDir", graphModelDir);
    }
    return call("POST", "api/v1/eval/sessions", body).path("id").asText();
  }

  /** Scores {@code configs} on the session's questions, in order. */
  public List<SessionScore> score(String session, List<PipelineConfig> configs) {
    JsonNode n = call("POST", "api/v1/eval/sessions/" + session + "/score",
        Map.of("configs", configs));
    List<SessionScore> out = new ArrayList<>();
    for (JsonNode r : n.path("results")) {
      out.add(new SessionScore(r.path("version").asText(), r.path("em").asDouble(),
          r.path("f1").asDouble(), doubles(r.path("perQuestion").path("f1")),
          doubles(r.path("perQuestion").path("em"))));
    }
    return out;
  }

  /** The passage holding each question's answer under {@code config}, or null per question. */
  public List<Evidence> evidence(String session, PipelineConfig config) {
    JsonNode n = call("POST", "api/v1/eval/sessions/" + session + "/evidence",
        Map.of("config", config));
    List<Evidence> out = new ArrayList<>();
    for (JsonNode e : n.path("items")) {
      out.add(e.isNull() ? null : new Evidence(e.path("id").asText(), e.path("passageId").asText(),
          e.path("text").asText(), e.path("answer").asText(), e.path("answerStart").asInt()));
    }
    return out;
  }

  /** Ends a session; a session already gone is fine. */
  public void closeSession(String session) {
    try {
      call("DELETE", "api/v1/eval/sessions/" + session, null);
    } catch (QaServiceException e) {
      // Sessions expire on their own; a failed close costs memory for a while, nothing else.
    }
  }

  private JsonNode call(String method, String path, Object body) {
    return call(method, path, body, timeout);
  }

  private JsonNode call(String method, String path, Object body, Duration within) {
    try {
      HttpRequest.Builder request = apiKey.attach(HttpRequest.newBuilder(base.resolve(path)))
          .timeout(within).header("Accept", "application/json");
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
      }
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new QaServiceException("qa-service " + method + " /" + path + " answered "
            + response.statusCode() + ": " + response.body(), null);
      }
      return response.body().isEmpty() ? mapper.nullNode() : mapper.readTree(response.body());
    } catch (IOException e) {
      throw new QaServiceException("qa-service at " + base + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QaServiceException("interrupted while calling qa-service", e);
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }
}
