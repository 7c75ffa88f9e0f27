package io.odqa.reader.read;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import io.odqa.reader.model.ReaderModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Extracts answer spans from passages with a {@link ReaderModel}: tokenise, cut into windows,
 * run all windows in batched forward passes, and decode the n-best spans of each window back to
 * exact character offsets (Devlin et al., 2019; the decoding follows Hugging Face's
 * question-answering pipeline: per-window softmax over start and end, spans of at most {@code
 * maxAnswerTokens} with end at or after start).
 */
public final class SpanReader {
  private SpanReader() {}

  /**
   * The best spans for {@code question} over {@code passages}, most probable first; ties go to
   * the earlier passage, then the earlier offset. At most {@code nBest} spans, one per distinct
   * (passage, start, end).
   */
  public static List<Span> read(ReaderModel model, String question, List<String> passages,
      ReaderSettings settings) {
    return read(model, Passes.sequential(in -> logits(model, in)), question, passages, settings);
  }

  /**
   * The same, with {@code model}'s tokenizer and another way to run its forward passes (the QA
   * service queues them on a scheduler that batches windows across requests).
   */
  public static List<Span> read(ReaderModel model, Passes passes, String question,
      List<String> passages, ReaderSettings settings) {
    QaTokenizer tok = model.tokenizer();
    List<QaTokenizer.Tokens> tokens = new ArrayList<>(passages.size());
    for (String p : passages) {
      tokens.add(tok.tokenize(p));
    }
    return read(passes, tok.cls(), tok.sep(), tok.tokenize(question).ids(), tokens, passages,
        settings);
  }

  /** Start and end logits {@code [2][rows][seq]} for inputs {@code [3][rows][seq]}. */
  @FunctionalInterface
  public interface Forward {
    float[][][] logits(long[][][] inputs);
  }

  /**
   * The logits of several batches, in order: a caller that queues passes can submit all of one
   * request's batches together instead of one after the other.
   */
  @FunctionalInterface
  public interface Passes {
    List<float[][][]> logits(List<long[][][]> batches);

    /** One pass after the other through {@code forward}. */
    static Passes sequential(Forward forward) {
      return batches -> batches.stream().map(forward::logits).toList();
    }
  }

  /**
   * The same as {@link #read(ReaderModel, String, List, ReaderSettings)} on text that is already
   * tokenised, with any forward pass (training evaluates its block in place this way).
   */
  public static List<Span> read(Forward forward, long cls, long sep, long[] question,
      List<QaTokenizer.Tokens> tokens, List<String> passages, ReaderSettings settings) {
    return read(Passes.sequential(forward), cls, sep, question, tokens, passages, settings);
  }

  /** The same, with all of the request's batches handed to {@code passes} at once. */
  public static List<Span> read(Passes passes, long cls, long sep, long[] question,
      List<QaTokenizer.Tokens> tokens, List<String> passages, ReaderSettings settings) {
    long[] q = questionIds(question, settings);
    List<Window> windows = Windows.plan(q.length, tokens, settings);
    return best(forward(passes, cls, sep, q, tokens, windows, settings), passages, settings);
  }

  /** The question's token ids as the model sees them: cut to {@code maxQuestionTokens}. */
  public static long[] questionIds(long[] question, ReaderSettings settings) {
    return Arrays.copyOf(question, Math.min(question.length, settings.maxQuestionTokens()));
  }

  /**
   * The logits of {@code windows} (planned by {@link Windows#plan} for {@code question}, already
   * cut by {@link #questionIds}), batched by {@link #batches} and run through {@code passes};
   * in batch order.
   */
  public static List<WindowLogits> forward(Passes passes, long cls, long sep, long[] question,
      List<QaTokenizer.Tokens> tokens, List<Window> windows, ReaderSettings settings) {
    List<List<Window>> batches = batches(windows, settings);
    List<long[][][]> inputs = new ArrayList<>(batches.size());
    for (List<Window> batch : batches) {
      inputs.add(Windows.tensors(cls, sep, question, tokens, batch));
    }
    List<float[][][]> logits = passes.logits(inputs);
    List<WindowLogits> out = new ArrayList<>(windows.size());
    for (int i = 0; i < batches.size(); i++) {
      List<Window> batch = batches.get(i);
      for (int b = 0; b < batch.size(); b++) {
        Window w = batch.get(b);
        out.add(new WindowLogits(w, logits.get(i)[0][b], logits.get(i)[1][b],
            tokens.get(w.passage())));
      }
    }
    return out;
  }

  /**
   * The best spans of windows already run, most probable first; ties go to the earlier passage,
   * then the earlier offset. At most {@code nBest} spans, one per distinct (passage, start, end).
   * {@code passages} holds the text of each passage a window's {@code passage} index names.
   */
  public static List<Span> best(List<WindowLogits> windows, List<String> passages,
      ReaderSettings settings) {
    Map<Long, Span> best = new HashMap<>();
    for (WindowLogits w : windows) {
      for (Span s : decode(w.window(), w.start(), w.end(), w.tokens(),
          passages.get(w.window().passage()), settings)) {
        long key = ((long) s.passage() << 42) ^ ((long) s.start() << 21) ^ s.end();
        best.merge(key, s, (a, c) -> a.probability() >= c.probability() ? a : c);
      }
    }
    List<Span> out = new ArrayList<>(best.values());
    out.sort(Comparator.comparingDouble(Span::probability).reversed()
        .thenComparingInt(Span::passage).thenComparingInt(Span::start).thenComparingInt(Span::end));
    return List.copyOf(out.subList(0, Math.min(out.size(), settings.nBest())));
  }

  /**
   * Groups windows into batches, longest first: a batch takes the next window while it holds
   * fewer than {@code batchSize} and, padded to its longest window, at most {@code 1 +
   * maxPadding} times its real tokens. A batch is padded only to its own longest window
   * ({@link Windows#tensors}), so short windows no longer pay for a long one. Ties keep plan
   * order: the grouping is deterministic.
   */
  public static List<List<Window>> batches(List<Window> windows, ReaderSettings settings) {
    List<Window> sorted = new ArrayList<>(windows);
    sorted.sort(Comparator.comparingInt(SpanReader::inputLength).reversed());
    List<List<Window>> out = new ArrayList<>();
    List<Window> batch = new ArrayList<>();
    long real = 0;
    for (Window w : sorted) {
      int len = inputLength(w);
      boolean fits = batch.size() < settings.batchSize()
          && (double) (batch.size() + 1) * (batch.isEmpty() ? len : inputLength(batch.get(0)))
              <= (1 + settings.maxPadding()) * (real + len);
      if (!fits) {
        out.add(batch);
        batch = new ArrayList<>();
        real = 0;
      }
      batch.add(w);
      real += len;
    }
    if (!batch.isEmpty()) {
      out.add(batch);
    }
    return out;
  }

  /** Tokens of a window's input: {@code [CLS] question [SEP] slice [SEP]}. */
  static int inputLength(Window w) {
    return w.contextOffset() + w.length() + 1;
  }

  /**
   * One forward pass of {@code model} on inputs {@code [3][rows][seq]}, on the engine it was
   * loaded for ({@link ReaderModel#logits}): start and end logits {@code [2][rows][seq]}.
   */
  public static float[][][] logits(ReaderModel model, long[][][] in) {
    return model.logits(in);
  }

  /** Copies start and end logits {@code [rows, seq]} out of the engine, row by row. */
  public static float[][][] split(NDList out, long[][][] in) {
    int rows = in[0].length;
    int seq = in[0][0].length;
    // A half-precision model's logits are widened here, once, for decoding.
    float[] start = out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
    float[] end = out.get(1).toType(DataType.FLOAT32, false).toFloatArray();
    float[][][] logits = new float[2][rows][];
    for (int r = 0; r < rows; r++) {
      logits[0][r] = Arrays.copyOfRange(start, r * seq, (r + 1) * seq);
      logits[1][r] = Arrays.copyOfRange(end, r * seq, (r + 1) * seq);
    }
    return logits;
  }

  /** The n-best spans of one window, with probabilities over its passage tokens and [CLS]. */
  static List<Span> decode(Window w, float[] start, float[] end, QaTokenizer.Tokens tokens,
      String text, ReaderSettings s) {
    int from = w.contextOffset();
    int to = from + w.length();
    double[] ps = softmax(start, from, to);
    double[] pe = softmax(end, from, to);
    int[] starts = topIndices(ps, s.nBest());
    int[] ends = topIndices(pe, s.nBest());
    List<Span> out = new ArrayList<>();
    for (int i : starts) {
      for (int j : ends) {
        if (j < i || j - i + 1 > s.maxAnswerTokens()) {
          continue;
        }
        int charStart = tokens.starts()[w.first() + i];
        int charEnd = tokens.ends()[w.first() + j];
        if (charStart < 0 || charEnd <= charStart) {
          continue;
        }
        out.add(new Span(w.passage(), charStart, charEnd, text.substring(charStart, charEnd),
            ps[i] * pe[j], start[from + i] + end[from + j]));
      }
    }
    return out;
  }

  /** Softmax over {@code logits[0]} ([CLS]) and {@code logits[from, to)}; index 0 = first passage token. */
  private static double[] softmax(float[] logits, int from, int to) {
    double max = logits[0];
    for (int i = from; i < to; i++) {
      max = Math.max(max, logits[i]);
    }
    double sum = Math.exp(logits[0] - max);
    double[] p = new double[to - from];
    for (int i = from; i < to; i++) {
      p[i - from] = Math.exp(logits[i] - max);
      sum += p[i - from];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private static int[] topIndices(double[] p, int k) {
    Integer[] idx = new Integer[p.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> a.equals(b) ? 0 : p[a] != p[b] ? Double.compare(p[b], p[a]) : a - b);
    int n = Math.min(k, idx.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = idx[i];
    }
    return out;
  }
}
