package io.odqa.reader.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.reader.model.BertConfig;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.ReaderSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The reader's throughput on one device (the GPU machine's, or this CPU), in each precision, at
 * fixed sequence length, through the same {@link ReaderModel} qa-service serves with. Two steps:
 *
 * <ol>
 *   <li>{@code --export FILE} (here, with the data): SQuAD-open dev windows, tokenised and padded
 *       to {@code --seq}, written as one little-endian file ({@code int32 n, int32 seq}, then ids,
 *       mask and token types as {@code int32[n][seq]} each), so that the GPU machine needs
 *       neither the data nor a tokenizer, and the Python peer reads the very same inputs.</li>
 *   <li>{@code --windows FILE} (there): windows per second at each batch size in each precision,
 *       the physical bound from the model's FLOPs per window, and the logits of the first
 *       {@code --compare} windows written to {@code --logits-out} ({@code float32[precisions][2]
 *       [compare][seq]}) for {@code deployments/gpu/peer.py} to compare with its own. The last
 *       line is one JSON object.</li>
 * </ol>
 */
@Command(name = "bench device", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Reader windows/second on one device in fp32/fp16/bf16 at a fixed length.")
public final class DeviceBench implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", defaultValue = "models/reader", description = "reader model")
  Path model;

  @Option(names = "--export", description = "write pre-tokenised windows here and stop")
  Path export;

  @Option(names = "--data", defaultValue = "../shared/data",
      description = "with --export: the directory holding squad-open/")
  Path data;

  @Option(names = "--count", defaultValue = "1024", description = "with --export: windows")
  int count;

  @Option(names = "--seq", defaultValue = "384", description = "tokens per window")
  int seq;

  @Option(names = "--windows", description = "pre-tokenised windows (from --export)")
  Path windows;

  @Option(names = "--device", defaultValue = "gpu", description = "gpu, gpu:N or cpu")
  String device;

  @Option(names = "--precisions", split = ",", defaultValue = "fp32,fp16",
      description = "fp32, fp16, bf16 (default: ${DEFAULT-VALUE})")
  List<String> precisions;

  @Option(names = "--batches", split = ",", defaultValue = "1,8,32,128",
      description = "windows per forward pass (default: ${DEFAULT-VALUE})")
  List<Integer> batches;

  @Option(names = "--seconds-per-point", defaultValue = "5", description = "measured seconds")
  double secondsPerPoint;

  @Option(names = "--compare", defaultValue = "64", description = "windows whose logits are kept")
  int compare;

  @Option(names = "--logits-out", description = "where the kept logits go (float32, raw)")
  Path logitsOut;

  @Option(names = "--peak-tflops", split = ",", description = "the device's dense peak per precision, e.g."
      + " fp32=67,fp16=989 (H100 SXM); gives the bound in windows/second")
  Map<String, Double> peakTflops;

  /** Runs it; see the options. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DeviceBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (export != null) {
      return exportWindows(out);
    }
    if (windows == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--windows or --export");
    }
    int[][][] in = read(windows);
    int n = in[0].length;
    seq = in[0][0].length;
    Map<String, Object> result = new LinkedHashMap<>();
    List<float[]> kept = new ArrayList<>();
    result.put("seq", seq);
    result.put("windows", n);
    result.put("precisions", precisions);
    for (String precision : precisions) {
      try (ReaderModel m = ReaderModel.load(model, device, precision)) {
        double flops = flopsPerWindow(m.config(), seq);
        result.put("model", m.version());
        result.put("device", m.device().toString());
        result.put("gflops_per_window", round(flops / 1e9));
        Map<String, Object> perBatch = new LinkedHashMap<>();
        for (int b : batches) {
          double wps = measure(m, in, b);
          Map<String, Object> point = new LinkedHashMap<>();
          point.put("windows_per_second", round(wps));
          point.put("achieved_tflops", round(wps * flops / 1e12));
          Double peak = peakTflops == null ? null : peakTflops.get(precision);
          if (peak != null) {
            point.put("bound_windows_per_second", round(peak * 1e12 / flops));
            point.put("fraction_of_bound", round(wps * flops / (peak * 1e12)));
          }
          perBatch.put(Integer.toString(b), point);
          out.printf(Locale.ROOT, "%s batch %4d: %10.1f windows/s (%.2f TFLOP/s)%n", precision, b,
              wps, wps * flops / 1e12);
          out.flush();
        }
        result.put(precision, perBatch);
        kept.add(logits(m, in, Math.min(compare, n)));
      }
    }
    if (logitsOut != null) {
      writeFloats(logitsOut, kept);
      result.put("logits_out", logitsOut.toString());
      result.put("logits_shape", List.of(precisions.size(), 2, Math.min(compare, n), seq));
    }
    out.println(JSON.writeValueAsString(result));
    out.flush();
    return 0;
  }

  /**
   * Forward FLOPs of one window of {@code seq} tokens: per layer the four attention projections
   * ({@code 8 s h^2}), the two attention products ({@code 4 s^2 h}) and the feed-forward pair
   * ({@code 4 s h f}), plus the span head; multiply-adds count two.
   */
  static double flopsPerWindow(BertConfig c, int seq) {
    double h = c.hiddenSize();
    double f = c.intermediateSize();
    double perLayer = 8 * seq * h * h + 4.0 * seq * seq * h + 4 * seq * h * f;
    return c.layers() * perLayer + 2 * seq * h * 2;
  }

  private double measure(ReaderModel m, int[][][] in, int batch) {
    int n = in[0].length;
    int offset = 0;
    // Warm-up: kernels chosen, memory pools grown.
    for (int i = 0; i < 3; i++) {
      forward(m, in, offset, batch);
      offset = (offset + batch) % Math.max(1, n - batch);
    }
    long start = System.nanoTime();
    long windowsDone = 0;
    while (System.nanoTime() - start < secondsPerPoint * 1e9) {
      forward(m, in, offset, batch);
      windowsDone += batch;
      offset = (offset + batch) % Math.max(1, n - batch);
    }
    return windowsDone / ((System.nanoTime() - start) / 1e9);
  }

  /** One pass over {@code batch} windows from {@code offset}, synchronised by reading a value. */
  private static void forward(ReaderModel m, int[][][] in, int offset, int batch) {
    try (NDManager sub = m.manager().newSubManager()) {
      NDList out = m.spanLogits(inputs(sub, in, offset, batch));
      out.get(0).get(0, 0).toType(DataType.FLOAT32, false).getFloat(); // waits for the device
    }
  }

  private static float[] logits(ReaderModel m, int[][][] in, int rows) {
    try (NDManager sub = m.manager().newSubManager()) {
      NDList out = m.spanLogits(inputs(sub, in, 0, rows));
      NDArray both = out.get(0).stack(out.get(1)).toType(DataType.FLOAT32, false);
      return both.toFloatArray();
    }
  }

  private static NDList inputs(NDManager sub, int[][][] in, int offset, int batch) {
    int s = in[0][0].length;
    NDList list = new NDList();
    for (int k = 0; k < 3; k++) {
      long[] flat = new long[batch * s];
      for (int r = 0; r < batch; r++) {
        int[] row = in[k][(offset + r) % in[k].length];
        for (int t = 0; t < s; t++) {
          flat[r * s + t] = row[t];
        }
      }
      list.add(sub.create(flat, new Shape(batch, s)));
    }
    return list;
  }

  private int exportWindows(PrintWriter out) throws IOException {
    try (ReaderModel m = ReaderModel.load(model, "cpu")) {
      ReaderSettings d = ReaderSettings.DEFAULT;
      ReaderSettings settings = new ReaderSettings(seq, d.stride(), d.maxQuestionTokens(),
          d.maxAnswerTokens(), d.nBest(), d.batchSize(), d.maxPadding());
      BenchWindows all = BenchWindows.load(data.resolve("squad-open"), m.tokenizer(), settings,
          Integer.MAX_VALUE, 0);
      int n = Math.min(count, all.items().size());
      try (OutputStream os = Files.newOutputStream(export);
          DataOutputStream file = new DataOutputStream(os)) {
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(n).putInt(seq);
        file.write(head.array());
        for (int k = 0; k < 3; k++) {
          ByteBuffer b = ByteBuffer.allocate(n * seq * 4).order(ByteOrder.LITTLE_ENDIAN);
          for (int i = 0; i < n; i++) {
            long[] row = all.items().get(i).input()[k][0];
            for (int t = 0; t < seq; t++) {
              b.putInt(t < row.length ? (int) row[t] : 0); // padded to seq with zeros
            }
          }
          file.write(b.array());
        }
      }
      out.printf(Locale.ROOT, "%d windows of %d tokens (%.1f real on average) -> %s%n", n, seq,
          all.meanLength(), export);
      out.flush();
      return 0;
    }
  }

  /** Reads an {@code --export} file: {@code [3][n][seq]} (ids, mask, types). */
  static int[][][] read(Path file) throws IOException {
    try (InputStream is = Files.newInputStream(file);
        DataInputStream d = new DataInputStream(is)) {
      ByteBuffer head = ByteBuffer.wrap(d.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
      int n = head.getInt();
      int s = head.getInt();
      int[][][] in = new int[3][n][s];
      for (int k = 0; k < 3; k++) {
        ByteBuffer b = ByteBuffer.wrap(d.readNBytes(n * s * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          for (int t = 0; t < s; t++) {
            in[k][i][t] = b.getInt();
          }
        }
      }
      return in;
    }
  }

  private static void writeFloats(Path file, List<float[]> arrays) throws IOException {
    int total = arrays.stream().mapToInt(a -> a.length).sum();
    ByteBuffer b = ByteBuffer.allocate(total * 4).order(ByteOrder.LITTLE_ENDIAN);
    arrays.forEach(a -> {
      for (float f : a) {
        b.putFloat(f);
      }
    });
    Files.write(file, b.array());
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
