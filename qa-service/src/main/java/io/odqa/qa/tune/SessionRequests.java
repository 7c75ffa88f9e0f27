package io.odqa.qa.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.PipelineConfig;
import jakarta.ws.rs.BadRequestException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks of evaluation requests that bean validation cannot express: each message names the
 * field with its index, the bad value and the legal range, and becomes a 400 problem body.
 */
final class SessionRequests {
  /** Most questions in one session. */
  static final int MAX_QUESTIONS = 20_000;
  /** Longest question, as {@code /ask} allows. */
  static final int MAX_QUESTION_CHARS = 1000;
  /** Most configs scored in one call. */
  static final int MAX_CONFIGS = 64;

  private SessionRequests() {}

  /** Throws {@link BadRequestException} unless {@code r}'s questions are well formed. */
  static void check(SessionRequest r) {
    List<EvalQuestion> qs = r.questions();
    int n = qs == null ? 0 : qs.size();
    if (n < 1 || n > MAX_QUESTIONS) {
      throw bad("questions must hold 1 to " + MAX_QUESTIONS + " questions, got " + n);
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      EvalQuestion q = qs.get(i);
      String at = "questions[" + i + "]";
      if (q == null) {
        throw bad(at + " must be an object with id, question and answers");
      }
      requireText(at + ".id", q.id());
      requireText(at + ".question", q.question());
      if (q.question().length() > MAX_QUESTION_CHARS) {
        throw bad(at + ".question must be at most " + MAX_QUESTION_CHARS + " characters, got "
            + q.question().length());
      }
      if (q.answers() == null || q.answers().isEmpty()) {
        throw bad(at + ".answers must hold at least one answer");
      }
      for (int j = 0; j < q.answers().size(); j++) {
        requireText(at + ".answers[" + j + "]", q.answers().get(j));
      }
      for (int j = 0; q.rejected() != null && j < q.rejected().size(); j++) {
        requireText(at + ".rejected[" + j + "]", q.rejected().get(j));
      }
      if (!ids.add(q.id())) {
        throw bad(at + ".id '" + q.id() + "' is not unique");
      }
    }
  }

  /** The configs of a score request, parsed and checked. */
  static List<PipelineConfig> configs(ScoreRequest r, ObjectMapper mapper) {
    int n = r.configs() == null ? 0 : r.configs().size();
    if (n < 1 || n > MAX_CONFIGS) {
      throw bad("configs must hold 1 to " + MAX_CONFIGS + " configs, got " + n);
    }
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> config(r.configs().get(i), "configs[" + i + "]", mapper)).toList();
  }

  /** {@code node} as a pipeline config; the 400 names {@code field} and the knob at fault. */
  static PipelineConfig config(JsonNode node, String field, ObjectMapper mapper) {
    if (node == null || !node.isObject()) {
      throw bad(field + " must be a pipeline config object");
    }
    try {
      return mapper.treeToValue(node, PipelineConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw bad(field + ": " + reason(e));
    }
  }

  /** The record's own check message when it refused the value, else Jackson's. */
  private static String reason(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw bad(field + " must be a non-blank string");
    }
  }

  static BadRequestException bad(String message) {
    return new BadRequestException(message);
  }
}
