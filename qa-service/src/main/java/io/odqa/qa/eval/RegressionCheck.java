package io.odqa.qa.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks an evaluation's {@code --json} line against a versioned regression file
 * ({@code ./odqa eval check regression/X.yaml}), in the manner of Anserini's regression
 * configs. The YAML names the command that produced the numbers and, per metric, an
 * {@code expected} value and a {@code tolerance}:
 *
 * <pre>
 * command: ./odqa eval qa --collection squad --questions ../shared/data/squad-open/dev.jsonl --json
 * metrics:
 *   recall@5: {expected: 0.80, tolerance: 0.02}
 * </pre>
 *
 * <p>A metric passes when |actual − expected| ≤ tolerance. The check is two-sided on purpose: a
 * big improvement fails too, so that the file is updated and the new level becomes the one
 * guarded against regression. A metric the YAML names but the JSON lacks fails.
 *
 * <p>Usage: {@code RegressionCheck --file regression/X.yaml [--actual FILE]}; without
 * {@code --actual} the JSON is read from stdin, so an evaluation can be piped in. From either,
 * the JSON object is the whole input if that parses, else its last line starting with
 * <code>{</code>. Exit status 0 when every metric passes, 1 when one fails, 2 on a bad argument
 * or file.
 */
public final class RegressionCheck {
  /** Slack for the decimal fractions in the YAML, so that exactly-at-tolerance passes. */
  private static final double EPSILON = 1e-9;

  private RegressionCheck() {}

  /** One metric's expectation from the YAML. */
  record Expectation(String metric, double expected, double tolerance) {}

  /** One checked metric; {@code actual} is null when the JSON lacks it or it is not a number. */
  record Line(Expectation expectation, Double actual, boolean ok) {
    String format() {
      Expectation e = expectation;
      return String.format(Locale.ROOT, "%-4s %-18s expected %.4f ± %.4f  actual %s",
          ok ? "ok" : "FAIL", e.metric(), e.expected(), e.tolerance(),
          actual == null ? "missing" : String.format(Locale.ROOT, "%.4f", actual));
    }
  }

  /** All checked metrics, in the YAML's order. */
  record Result(List<Line> lines) {
    boolean passed() {
      return lines.stream().allMatch(Line::ok);
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the check and returns the exit status; {@code stdin} is read without --actual. */
  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    try {
      Map<String, String> opts = EvalHttp.options(args, Set.of("--file", "--actual"), Set.of());
      Path yaml = EvalHttp.readableFile(opts, "--file");
      List<Expectation> expected = expectations(yaml);
      String input = opts.containsKey("--actual")
          ? String.join("\n", EvalHttp.lines(EvalHttp.readableFile(opts, "--actual"), "--actual"))
          : new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      String source = opts.getOrDefault("--actual", "stdin");
      Result result = check(expected, actualJson(input, source));
      result.lines().forEach(l -> out.println(l.format()));
      long failed = result.lines().stream().filter(l -> !l.ok()).count();
      out.printf("%s: %d ok, %d FAIL%n", yaml, result.lines().size() - failed, failed);
      return result.passed() ? 0 : 1;
    } catch (EvalHttp.UsageException e) {
      err.println("eval check: " + e.getMessage());
      return EvalHttp.USAGE;
    } catch (IOException e) {
      err.println("eval check: cannot read stdin: " + e.getMessage());
      return EvalHttp.USAGE;
    }
  }

  /** Compares each expectation with the metric of the same name in {@code actual}. */
  static Result check(List<Expectation> expected, JsonNode actual) {
    List<Line> lines = new ArrayList<>(expected.size());
    for (Expectation e : expected) {
      JsonNode v = actual.get(e.metric());
      Double a = v != null && v.isNumber() ? v.asDouble() : null;
      boolean ok = a != null && Math.abs(a - e.expected()) <= e.tolerance() + EPSILON;
      lines.add(new Line(e, a, ok));
    }
    return new Result(lines);
  }

  /** The {@code metrics} section of a regression YAML, validated. */
  static List<Expectation> expectations(Path file) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | YAMLException e) {
      throw new EvalHttp.UsageException("--file: cannot read '" + file + "': " + e.getMessage());
    }
    if (!(doc instanceof Map<?, ?> top) || !(top.get("metrics") instanceof Map<?, ?> metrics)
        || metrics.isEmpty()) {
      throw new EvalHttp.UsageException("--file: '" + file + "' has no 'metrics' mapping");
    }
    List<Expectation> out = new ArrayList<>();
    for (Map.Entry<?, ?> m : metrics.entrySet()) {
      String name = String.valueOf(m.getKey());
      if (!(m.getValue() instanceof Map<?, ?> spec)) {
        throw new EvalHttp.UsageException(
            "--file: metric '" + name + "' must be {expected: X, tolerance: Y} in '" + file + "'");
      }
      double tolerance = number(spec, "tolerance", name, file);
      if (tolerance < 0) {
        throw new EvalHttp.UsageException("--file: tolerance of '" + name
            + "' must be >= 0, got " + tolerance + " in '" + file + "'");
      }
      out.add(new Expectation(name, number(spec, "expected", name, file), tolerance));
    }
    return out;
  }

  private static double number(Map<?, ?> spec, String key, String metric, Path file) {
    if (spec.get(key) instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    throw new EvalHttp.UsageException("--file: '" + key + "' of metric '" + metric
        + "' must be a number, got '" + spec.get(key) + "' in '" + file + "'");
  }

  /**
   * The JSON object in an evaluation's output: the whole text when it is one object, else the
   * last line that starts with <code>{</code>, the evaluations' {@code --json} line.
   */
  static JsonNode actualJson(String text, String source) {
    JsonNode whole = parse(text.strip());
    if (whole != null) {
      return whole;
    }
    List<String> lines = text.lines().map(String::strip).filter(l -> l.startsWith("{")).toList();
    JsonNode last = lines.isEmpty() ? null : parse(lines.get(lines.size() - 1));
    if (last == null) {
      throw new EvalHttp.UsageException(
          "--actual: no line of " + source + " is a JSON object (did the eval run with --json?)");
    }
    return last;
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = EvalHttp.JSON.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
