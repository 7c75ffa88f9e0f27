package io.odqa.reader.bench;

import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.reader.convert.BaseEncoder;
import io.odqa.reader.model.OrtSpanModel;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.SpanReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Reader windows per second of our DJL reader (PyTorch engine, CPU) beside ONNX Runtime running
 * the same weights ({@link OrtSpanModel}, with the session options the service uses unless the
 * {@code --ort-*} options change them), in one process, at each batch size of {@code
 * --batches}, on windows of SQuAD-open dev questions and their gold paragraphs. Each batch is
 * padded only to its longest window. It also reports how closely the engines agree on the
 * measured windows: the largest logit difference and the share of identical best spans, and
 * exits 1 when fewer than {@value #MIN_SPAN_AGREEMENT} of the spans agree ({@value
 * #MIN_INT8_SPAN_AGREEMENT} with {@code --ort-precision int8}, whose quantisation noise moves
 * low-confidence spans: judge it end to end with {@code ./odqa eval qa}). With {@code --json} the
 * last line is one JSON object.
 */
@Command(name = "bench reader", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Windows/second of the DJL reader beside ONNX Runtime on the same weights.")
public final class ReaderBench implements Callable<Integer> {
  /** Share of windows whose best span must be the same in both engines. */
  static final double MIN_SPAN_AGREEMENT = 0.99;
  /** The same for an int8 peer. */
  static final double MIN_INT8_SPAN_AGREEMENT = 0.8;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", defaultValue = "models/reader",
      description = "reader model directory (default: ${DEFAULT-VALUE})")
  Path model;

  @Option(names = "--base", description = "base encoder whose ONNX graph takes the weights:"
      + " bge-small or minilm (default: the one the model's config.json matches)")
  String base;

  @Option(names = "--data", defaultValue = "../shared/data",
      description = "shared data directory holding squad-open/ (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--batches", split = ",", defaultValue = "1,8,32",
      description = "windows per forward pass, one point each (default: ${DEFAULT-VALUE})")
  List<Integer> batches;

  @Option(names = "--seconds-per-point", defaultValue = "10",
      description = "forward time of our engine per point; the peer runs the same batches")
  int secondsPerPoint;

  @Option(names = "--warmup-seconds", defaultValue = "2",
      description = "unmeasured batches per point first, at least one (default: ${DEFAULT-VALUE})")
  int warmupSeconds;

  @Option(names = "--threads", description = "ONNX Runtime intra-op threads (default: cores)")
  Integer threads;

  @Option(names = "--ort-optimization", defaultValue = "all",
      description = "ONNX Runtime graph optimisation: all, extended, basic or none")
  String ortOptimization;

  @Option(names = "--ort-memory", defaultValue = "arena-per-pass", description = "where ONNX"
      + " Runtime keeps activations: arena, arena-per-pass (as the service) or none")
  String ortMemory;

  @Option(names = "--ort-precision", defaultValue = "fp32", description = "arithmetic of ONNX"
      + " Runtime's weight MatMuls: fp32 (the same model as DJL) or int8 (engine onnxruntime-int8)")
  String ortPrecision;

  @Option(names = "--ort-spinning", description = "let idle ONNX Runtime threads spin (the"
      + " service lets them sleep)")
  boolean ortSpinning;

  @Option(names = "--questions", description = "use the first N dev questions (default: all)")
  Integer questions;

  @Option(names = "--seed", defaultValue = "0", description = "seed of the window order")
  long seed;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  /** Runs the benchmark; see the options. */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new ReaderBench());
    // ./odqa passes the repository's paths first; the user's own options come after them.
    cli.setOverwrittenOptionsAllowed(true);
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    OptLevel level = validate();
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    int ortThreads = threads == null ? cores : threads;
    ReaderSettings settings = ReaderSettings.DEFAULT;
    OrtSpanModel.Options options = new OrtSpanModel.Options(ortThreads, level, memory(),
        ortSpinning, precision());
    try (ReaderModel ours = ReaderModel.load(model, "cpu");
        OrtSpanModel peer = base == null ? OrtSpanModel.create(ours.block(), options)
            : OrtSpanModel.create(ours.block(), BaseEncoder.of(base), options)) {
      BenchWindows windows = BenchWindows.load(data.resolve("squad-open"), ours.tokenizer(),
          settings, questions == null ? Integer.MAX_VALUE : questions, seed);
      out.printf(Locale.ROOT, "reader %s (%s), %d cores; DJL PyTorch %d intra-op / %d inter-op"
          + " threads; ONNX Runtime on %s, %d intra-op threads, optimisation %s, memory %s,"
          + " spinning %s, precision %s%n", model, ours.version(), cores,
          JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(), peer.base().id(),
          ortThreads, ortOptimization, ortMemory, ortSpinning ? "on" : "off", ortPrecision);
      out.printf(Locale.ROOT, "%d dev questions (%d without paragraph) -> %d windows, %.1f"
          + " tokens each on average%n", windows.questions(), windows.skipped(),
          windows.items().size(), windows.meanLength());
      double loadBefore = loadAverage();
      SpanAgreement agreement = new SpanAgreement(settings);
      List<Throughput.Point> points = measure(out, ours, peer, windows, agreement);
      double loadAfter = loadAverage();
      out.printf(Locale.ROOT, "agreement over %d windows: max |djl - ort| logit %.3g; best span"
          + " identical for %d (%.2f%%)%n", agreement.windows(), agreement.maxAbsDiff(),
          agreement.sameSpan(), 100 * agreement.spanAgreement());
      out.printf(Locale.ROOT, "load average (1 min) %.2f before, %.2f after, on %d cores%s%n",
          loadBefore, loadAfter, cores, Math.max(loadBefore, loadAfter) > cores
              ? ": other processes shared the CPU, both engines' rates are low" : "");
      if (json) {
        Map<String, Object> s = summary(points, agreement, ours, cores, ortThreads);
        s.put("base", peer.base().id());
        s.put("ort_precision", ortPrecision);
        s.put("load_average", List.of(loadBefore, loadAfter));
        out.println(JSON.writeValueAsString(s));
      }
      double min = options.precision() == OrtSpanModel.Precision.INT8 ? MIN_INT8_SPAN_AGREEMENT
          : MIN_SPAN_AGREEMENT;
      if (agreement.spanAgreement() < min) {
        spec.commandLine().getErr().printf(Locale.ROOT, "bench reader: the engines' best spans"
            + " agree on %.2f%% of windows, below %.0f%%: the peer does not run the same model%n",
            100 * agreement.spanAgreement(), 100 * min);
        return 1;
      }
      return 0;
    }
  }

  /** One point per batch size, each printed as soon as it is measured. */
  private List<Throughput.Point> measure(PrintWriter out, ReaderModel ours, OrtSpanModel peer,
      BenchWindows windows, SpanAgreement agreement) {
    out.printf("%6s %8s %9s %8s %10s %10s %8s %12s %12s%n", "batch", "windows", "tok/win",
        "padding", "djl_wps", "ort_wps", "djl/ort", "djl_cpu_ms", "ort_cpu_ms");
    out.flush();
    List<Throughput.Point> points = new ArrayList<>();
    for (int b : batches) {
      Throughput.Point p = Throughput.measure(windows, b, in -> SpanReader.logits(ours, in),
          peer::logits, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(secondsPerPoint),
          agreement);
      points.add(p);
      out.printf(Locale.ROOT, "%6d %8d %9.1f %7.1f%% %10.2f %10.2f %8.3f %12.1f %12.1f%n", b,
          p.windows(), (double) p.tokens() / p.windows(),
          100.0 * (p.padded() - p.tokens()) / p.padded(), p.oursWps(), p.peerWps(), p.ratio(),
          cpuMsPerWindow(p, p.ours()), cpuMsPerWindow(p, p.peer()));
      out.flush();
    }
    return points;
  }

  private Map<String, Object> summary(List<Throughput.Point> points, SpanAgreement agreement,
      ReaderModel ours, int cores, int ortThreads) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("djl", perBatch(points, Throughput.Point::oursWps));
    s.put("ort", perBatch(points, Throughput.Point::peerWps));
    s.put("ratio", perBatch(points, Throughput.Point::ratio));
    s.put("djl_cpu_ms_per_window", perBatch(points, p -> cpuMsPerWindow(p, p.ours())));
    s.put("ort_cpu_ms_per_window", perBatch(points, p -> cpuMsPerWindow(p, p.peer())));
    s.put("logits_max_abs_diff", agreement.maxAbsDiff());
    s.put("span_agreement", agreement.spanAgreement());
    s.put("windows_compared", agreement.windows());
    s.put("threads", cores);
    s.put("torch_threads", JniUtils.getNumThreads());
    s.put("torch_interop_threads", JniUtils.getNumInteropThreads());
    s.put("ort_intra_op_threads", ortThreads);
    s.put("ort_optimization", ortOptimization);
    s.put("ort_memory", ortMemory);
    s.put("ort_spinning", ortSpinning);
    s.put("omp_wait_policy", System.getenv().getOrDefault("OMP_WAIT_POLICY", ""));
    Map<String, Integer> measured = new LinkedHashMap<>();
    points.forEach(p -> measured.put(Integer.toString(p.batch()), p.windows()));
    s.put("windows", measured);
    s.put("tokens_per_window", perBatch(points, p -> (double) p.tokens() / p.windows()));
    s.put("padding", perBatch(points, p -> (double) (p.padded() - p.tokens()) / p.padded()));
    s.put("seconds_per_point", secondsPerPoint);
    s.put("model", ours.version());
    return s;
  }

  /** Process CPU milliseconds per window in one engine's passes. */
  private static double cpuMsPerWindow(Throughput.Point p, Throughput.Time t) {
    return 1000 * t.cpuSeconds() / p.windows();
  }

  /** The system's 1-minute load average, or -1 where the platform has none. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static Map<String, Double> perBatch(List<Throughput.Point> points,
      ToDoubleFunction<Throughput.Point> value) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Throughput.Point p : points) {
      out.put(Integer.toString(p.batch()), Math.round(value.applyAsDouble(p) * 1e4) / 1e4);
    }
    return out;
  }

  private OptLevel validate() {
    if (batches.isEmpty() || batches.stream().anyMatch(b -> b < 1 || b > 256)) {
      throw usage("--batches must be whole numbers in [1, 256], got " + batches);
    }
    if (secondsPerPoint < 1 || secondsPerPoint > 600) {
      throw usage("--seconds-per-point must be in [1, 600], got " + secondsPerPoint);
    }
    if (warmupSeconds < 0 || warmupSeconds > 60) {
      throw usage("--warmup-seconds must be in [0, 60], got " + warmupSeconds);
    }
    if (threads != null && (threads < 1 || threads > 1024)) {
      throw usage("--threads must be in [1, 1024], got " + threads);
    }
    if (questions != null && questions < 1) {
      throw usage("--questions must be positive, got " + questions);
    }
    try {
      if (base != null) {
        BaseEncoder.of(base);
      }
    } catch (IllegalArgumentException e) {
      throw usage("--base: " + e.getMessage());
    }
    if (!Files.isDirectory(model)) {
      throw usage("--model: '" + model + "' is not a directory");
    }
    if (!Files.isRegularFile(data.resolve("squad-open").resolve("dev.jsonl"))) {
      throw usage("--data: no squad-open/dev.jsonl under '" + data + "' (set ODQA_SHARED_DATA)");
    }
    return switch (ortOptimization) {
      case "all" -> OptLevel.ALL_OPT;
      case "extended" -> OptLevel.EXTENDED_OPT;
      case "basic" -> OptLevel.BASIC_OPT;
      case "none" -> OptLevel.NO_OPT;
      default -> throw usage("--ort-optimization must be all, extended, basic or none, got '"
          + ortOptimization + "'");
    };
  }

  private OrtSpanModel.Precision precision() {
    return switch (ortPrecision) {
      case "fp32" -> OrtSpanModel.Precision.FP32;
      case "int8" -> OrtSpanModel.Precision.INT8;
      default -> throw usage("--ort-precision must be fp32 or int8, got '" + ortPrecision + "'");
    };
  }

  private OrtSpanModel.Memory memory() {
    return switch (ortMemory) {
      case "arena" -> OrtSpanModel.Memory.ARENA;
      case "arena-per-pass" -> OrtSpanModel.Memory.ARENA_PER_PASS;
      case "none" -> OrtSpanModel.Memory.NONE;
      default -> throw usage("--ort-memory must be arena, arena-per-pass or none, got '"
          + ortMemory + "'");
    };
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
