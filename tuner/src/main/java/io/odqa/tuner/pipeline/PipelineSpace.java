package io.odqa.tuner.pipeline;

import io.odqa.core.model.PipelineConfig;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.space.SearchSpaceException;
import io.odqa.tuner.space.SearchSpaceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's search space as data ({@code pipeline-space.json}): which knobs of {@link
 * PipelineConfig} the retune job moves, and over what. Names are the config's JSON paths
 * ({@code bm25K1}, {@code reader.stride}, ...); a knob the file leaves out keeps the champion's
 * value. Loading fails with a {@link SearchSpaceException} naming the bad field.
 */
public final class PipelineSpace {
  /** The class-path resource read when no file is configured. */
  public static final String RESOURCE = "/pipeline-space.json";
  /** Every knob a space may name. */
  public static final List<String> KNOBS = List.of("topK", "bm25K1", "bm25B", "titleBoost",
      "reader.passages", "reader.windowTokens", "reader.stride", "reader.maxAnswerTokens",
      "reader.minScore", "reader.passageWeight", "fusion.kgWeight", "graph.pathsTried",
      "graph.minConfidence", "retrieval.mode", "retrieval.depth", "retrieval.fusion",
      "retrieval.rrfK", "retrieval.denseWeight", "retrieval.proximity", "cascade.first",
      "cascade.exitScore");

  private final SearchSpace space;

  private PipelineSpace(SearchSpace space) {
    List<Parameter> parameters = space.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      String name = parameters.get(i).name();
      if (!KNOBS.contains(name)) {
        throw new SearchSpaceException("parameters[" + i + "].name must be one of " + KNOBS
            + ", got \"" + name + "\"");
      }
    }
    this.space = space;
  }

  /** Parses and checks {@code json}. */
  public static PipelineSpace parse(String json) {
    return new PipelineSpace(SearchSpaceJson.parse(json));
  }

  /** The file at {@code file} when given, else the shipped resource. */
  public static PipelineSpace load(Optional<Path> file) {
    if (file.isEmpty()) {
      return new PipelineSpace(SearchSpaceJson.parseResource(RESOURCE));
    }
    try {
      return parse(Files.readString(file.get()));
    } catch (IOException e) {
      throw new UncheckedIOException("search space file " + file.get() + " unreadable", e);
    }
  }

  /** The space for the tuner. */
  public SearchSpace space() {
    return space;
  }

  /**
   * {@code base} with the knobs in {@code params} replaced, labelled {@code version}. A knob
   * absent from {@code params} (not in the space, or inactive) keeps its value in {@code base}.
   *
   * @throws IllegalArgumentException when the result is not a valid config (the message names
   *     the knob)
   */
  public static PipelineConfig apply(PipelineConfig base, Map<String, Object> params,
      String version) {
    PipelineConfig.Reader r = base.reader();
    int windowTokens = integer(params, "reader.windowTokens", r.windowTokens());
    // A window that ends up shorter than twice the stride gets the largest legal stride.
    int stride = Math.min(integer(params, "reader.stride", r.stride()), windowTokens / 2);
    PipelineConfig.Reader reader = new PipelineConfig.Reader(
        integer(params, "reader.passages", r.passages()), windowTokens, stride,
        integer(params, "reader.maxAnswerTokens", r.maxAnswerTokens()),
        real(params, "reader.minScore", r.minScore()),
        real(params, "reader.passageWeight", r.passageWeight()));
    return new PipelineConfig(version, integer(params, "topK", base.topK()),
        real(params, "bm25K1", base.bm25K1()), real(params, "bm25B", base.bm25B()),
        real(params, "titleBoost", base.titleBoost()), reader,
        new PipelineConfig.Fusion(real(params, "fusion.kgWeight", base.fusion().kgWeight())),
        new PipelineConfig.Graph(integer(params, "graph.pathsTried", base.graph().pathsTried()),
            real(params, "graph.minConfidence", base.graph().minConfidence())),
        retrieval(base.retrieval(), params),
        new PipelineConfig.Cascade(integer(params, "cascade.first", base.cascade().first()),
            real(params, "cascade.exitScore", base.cascade().exitScore())));
  }

  private static PipelineConfig.Retrieval retrieval(PipelineConfig.Retrieval r,
      Map<String, Object> params) {
    return new PipelineConfig.Retrieval(text(params, "retrieval.mode", r.mode()),
        integer(params, "retrieval.depth", r.depth()), text(params, "retrieval.fusion", r.fusion()),
        integer(params, "retrieval.rrfK", r.rrfK()),
        real(params, "retrieval.denseWeight", r.denseWeight()),
        real(params, "retrieval.proximity", r.proximity()));
  }

  /** The knobs of {@code config} that this space names, as tuner parameters. */
  public Map<String, Object> paramsOf(PipelineConfig config) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("topK", (long) config.topK());
    all.put("bm25K1", config.bm25K1());
    all.put("bm25B", config.bm25B());
    all.put("titleBoost", config.titleBoost());
    all.put("reader.passages", (long) config.reader().passages());
    all.put("reader.windowTokens", (long) config.reader().windowTokens());
    all.put("reader.stride", (long) config.reader().stride());
    all.put("reader.maxAnswerTokens", (long) config.reader().maxAnswerTokens());
    all.put("reader.minScore", config.reader().minScore());
    all.put("reader.passageWeight", config.reader().passageWeight());
    all.put("fusion.kgWeight", config.fusion().kgWeight());
    all.put("graph.pathsTried", (long) config.graph().pathsTried());
    all.put("graph.minConfidence", config.graph().minConfidence());
    all.put("retrieval.mode", config.retrieval().mode());
    all.put("retrieval.depth", (long) config.retrieval().depth());
    all.put("retrieval.fusion", config.retrieval().fusion());
    all.put("retrieval.rrfK", (long) config.retrieval().rrfK());
    all.put("retrieval.denseWeight", config.retrieval().denseWeight());
    all.put("retrieval.proximity", config.retrieval().proximity());
    all.put("cascade.first", (long) config.cascade().first());
    all.put("cascade.exitScore", config.cascade().exitScore());
    all.keySet().retainAll(space.names());
    return all;
  }

  private static int integer(Map<String, Object> params, String name, int fallback) {
    Object v = params.get(name);
    return v == null ? fallback : Math.toIntExact(((Number) v).longValue());
  }

  private static String text(Map<String, Object> params, String name, String fallback) {
    Object v = params.get(name);
    return v == null ? fallback : v.toString();
  }

  private static double real(Map<String, Object> params, String name, double fallback) {
    Object v = params.get(name);
    return v == null ? fallback : ((Number) v).doubleValue();
  }
}
