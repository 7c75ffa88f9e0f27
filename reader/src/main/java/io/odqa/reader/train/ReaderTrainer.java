package io.odqa.reader.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.odqa.reader.model.BertQaBlock;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.model.Weights;
import io.odqa.reader.read.ReaderSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Fine-tunes a {@link ReaderModel} in place through DJL's autograd ({@link GradientCollector})
 * on the PyTorch engine: loss is the mean of start and end cross-entropy over each window's
 * positions (padding masked), updates are {@link AdamW} under a {@link LinearSchedule}, with the
 * global gradient norm clipped.
 *
 * <p>Determinism: the window order of epoch {@code e} is a shuffle seeded by {@code (seed, e)},
 * and the engine's generator (dropout) is re-seeded from {@code (seed, step)} before every
 * update, so the run from a checkpoint at step {@code k} replays exactly what an uninterrupted
 * run does after {@code k} on the same device.
 *
 * <p>Partial fine-tuning ({@link TrainSettings#topLayers()} {@code >= 0}): only the top layers and
 * the span head require gradients and are in the optimizer. Autograd then records nothing below
 * the first trained layer, so the backward pass stops there and the frozen weights stay bitwise
 * unchanged; on a CPU this is what makes a refresh take minutes rather than hours.
 */
public final class ReaderTrainer {
  private static final String LAYER_PREFIX = "encoder.layer.";
  private static final String HEAD_PREFIX = "qa_outputs.";

  private final ReaderModel model;
  private final TrainSettings settings;
  private final PrintStream log;
  private final Progress progress;
  private final BooleanSupplier cancelled;

  /** Receives the number of updates done after each one, for a job's progress report. */
  @FunctionalInterface
  public interface Progress {
    /** Called after update {@code step} (1-based) of {@code totalSteps}. */
    void update(int step, int totalSteps);
  }

  /** Trains {@code model}'s weights with {@code settings}, logging progress to {@code log}. */
  public ReaderTrainer(ReaderModel model, TrainSettings settings, PrintStream log) {
    this(model, settings, log, (step, total) -> { }, () -> false);
  }

  /**
   * As {@link #ReaderTrainer(ReaderModel, TrainSettings, PrintStream)}, reporting each update to
   * {@code progress} and checking {@code cancelled} before each update: once it is true, {@link
   * #train} throws {@link CancellationException} and the model holds a partly trained state.
   */
  public ReaderTrainer(ReaderModel model, TrainSettings settings, PrintStream log,
      Progress progress, BooleanSupplier cancelled) {
    this.model = Objects.requireNonNull(model, "model");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.log = Objects.requireNonNull(log, "log");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
  }

  /**
   * The parameters that {@code topLayers} trains, by name in declaration order: all of them for
   * {@value TrainSettings#ALL_LAYERS}, else those of encoder layers {@code L-k .. L-1} and of the
   * span head. A value outside {@code [-1, L]} is an error naming it.
   */
  public static Map<String, Parameter> trainable(BertQaBlock block, int topLayers) {
    int layers = block.config().layers();
    if (topLayers < TrainSettings.ALL_LAYERS || topLayers > layers) {
      throw new IllegalArgumentException("topLayers must be in [-1, " + layers + "] for this "
          + layers + "-layer model, got " + topLayers);
    }
    Map<String, Parameter> out = new LinkedHashMap<>();
    block.parametersByName().forEach((name, p) -> {
      if (topLayers == TrainSettings.ALL_LAYERS || name.startsWith(HEAD_PREFIX)
          || layerOf(name) >= layers - topLayers) {
        out.put(name, p);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /** The encoder layer a parameter belongs to, or -1 (embeddings, head). */
  private static int layerOf(String name) {
    if (!name.startsWith(LAYER_PREFIX)) {
      return -1;
    }
    int end = name.indexOf('.', LAYER_PREFIX.length());
    return Integer.parseInt(name.substring(LAYER_PREFIX.length(), end));
  }

  /**
   * What a run measured.
   *
   * @param finalLoss span loss of the last update that was applied
   * @param skippedUpdates updates skipped because their loss or gradient was not finite
   */
  public record Result(int steps, double secondsPerStep, List<Double> epochSeconds,
      List<Evaluator.Scores> devCurve, double finalLoss, int skippedUpdates) {}

  /** Consecutive skipped updates that end a run: the weights themselves have gone bad. */
  static final int MAX_CONSECUTIVE_SKIPS = 3;

  /** Skipped updates a run of {@code total} tolerates in all: 5%, at least 1. */
  static int maxSkips(int total) {
    return Math.max(1, total / 20);
  }

  /**
   * Trains on {@code train}, evaluating on {@code dev} (may be null) after each epoch, and
   * writing checkpoints under {@code checkpoints} (may be null). Resumes from the checkpoint
   * there when one exists.
   */
  public Result train(TokenizedSet train, TokenizedSet dev, Path checkpoints) throws IOException {
    return train(train, dev, checkpoints, false);
  }

  /**
   * As {@link #train(TokenizedSet, TokenizedSet, Path)}; with {@code keepBest} and a dev set, the
   * model ends with the weights of the epoch with the best dev F1 (model selection on held-out
   * data), not necessarily those of the last epoch.
   */
  public Result train(TokenizedSet train, TokenizedSet dev, Path checkpoints, boolean keepBest)
      throws IOException {
    Map<String, Parameter> params = trainable(model.block(), settings.topLayers());
    // Freezing goes through Parameter, not only the array: a training-mode ParameterStore turns
    // gradients back on for every parameter that is not frozen, on every forward pass.
    model.block().parametersByName().forEach((name, p) -> p.freeze(!params.containsKey(name)));
    try {
      return run(train, dev, checkpoints, keepBest, params);
    } finally {
      // Back to DJL's default (nothing frozen), with no array tracking gradients for inference.
      for (Parameter p : model.block().parametersByName().values()) {
        p.freeze(false);
        p.getArray().setRequiresGradient(false);
      }
    }
  }

  private Result run(TokenizedSet train, TokenizedSet dev, Path checkpoints, boolean keepBest,
      Map<String, Parameter> params) throws IOException {
    ReaderSettings windows = ReaderSettings.DEFAULT.withWindow(settings.maxSeqLength(),
        settings.stride());
    List<Features.Feature> features = Features.training(train, windows);
    int perEpoch = (features.size() + settings.batchSize() - 1) / settings.batchSize();
    int total = perEpoch * settings.epochs();
    if (settings.maxSteps() > 0) {
      total = Math.min(total, settings.maxSteps());
    }
    LinearSchedule lr = new LinearSchedule(settings.learningRate(),
        Math.round(settings.warmupRatio() * perEpoch * settings.epochs()),
        perEpoch * settings.epochs());
    AdamW adam = new AdamW(params, 0.9f, 0.999f, 1e-8f, settings.weightDecay());
    int step = checkpoints == null ? 0 : Checkpoints.restore(checkpoints, model, adam);
    if (step > 0) {
      log.printf("resuming at update %d of %d%n", step, total);
    }
    log.printf("%d questions -> %d windows, %d updates per epoch, %d updates in all, training %s%n",
        train.questions().size(), features.size(), perEpoch, total,
        settings.topLayers() == TrainSettings.ALL_LAYERS ? "every layer"
            : "the top " + settings.topLayers() + " layers and the span head");
    List<Double> epochSeconds = new ArrayList<>();
    List<Evaluator.Scores> curve = new ArrayList<>();
    double loss = Double.NaN;
    int skipped = 0;
    int consecutiveSkips = 0;
    double bestF1 = -1;
    Map<String, NDArray> best = null;
    long runStart = System.nanoTime();
    int firstStep = step;
    while (step < total) {
      int epoch = step / perEpoch;
      List<Features.Feature> order = new ArrayList<>(features);
      Collections.shuffle(order, new Random(settings.seed() * 1_000_003L + epoch));
      long epochStart = System.nanoTime();
      for (int i = step % perEpoch; i < perEpoch && step < total; i++) {
        List<Features.Feature> batch = order.subList(i * settings.batchSize(),
            Math.min(order.size(), (i + 1) * settings.batchSize()));
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("training cancelled before update " + (step + 1)
              + " of " + total);
        }
        double value = update(train, batch, params, adam, step, lr.at(step));
        if (Double.isFinite(value)) {
          loss = value;
          consecutiveSkips = 0;
        } else {
          // The weights are untouched: update() checks the loss and the gradient norm first.
          List<String> ids = batch.stream().map(f -> train.questions().get(f.question()).id())
              .distinct().toList();
          skipped++;
          consecutiveSkips++;
          log.printf("update %d/%d: loss or gradient not finite, update skipped (%d so far);"
              + " questions %s%n", step + 1, total, skipped, ids);
          if (consecutiveSkips >= MAX_CONSECUTIVE_SKIPS || skipped > maxSkips(total)) {
            throw new NonFiniteLossException(step + 1, total, skipped, ids);
          }
        }
        step++;
        progress.update(step, total);
        if (step % 50 == 0 || step == total) {
          log.printf("update %d/%d  epoch %d  loss %.4f  lr %.2e  %.3f s/update%n", step, total,
              epoch + 1, loss, lr.at(step - 1), (System.nanoTime() - runStart) / 1e9 / (step - firstStep));
        }
        if (checkpoints != null && settings.checkpointEvery() > 0
            && step % settings.checkpointEvery() == 0) {
          Checkpoints.save(checkpoints, model, adam, step);
        }
      }
      epochSeconds.add((System.nanoTime() - epochStart) / 1e9);
      if (step % perEpoch == 0) {
        if (checkpoints != null) {
          Checkpoints.save(checkpoints, model, adam, step);
        }
        if (dev != null) {
          Evaluator.Scores s = Evaluator.evaluate(model, dev, windows);
          curve.add(s);
          log.printf("epoch %d: dev EM %.2f F1 %.2f (%.0f s)%n", epoch + 1, 100 * s.em(),
              100 * s.f1(), epochSeconds.get(epochSeconds.size() - 1));
          if (keepBest && s.f1() > bestF1) {
            bestF1 = s.f1();
            best = snapshot(params, best);
            log.printf("epoch %d is the best so far on dev%n", epoch + 1);
          }
        }
      }
    }
    if (best != null) {
      for (Map.Entry<String, NDArray> e : best.entrySet()) {
        params.get(e.getKey()).getArray().set(e.getValue().toFloatArray());
        e.getValue().close();
      }
      log.printf("kept the weights of the best dev epoch (F1 %.2f)%n", 100 * bestF1);
    }
    double perStep = (System.nanoTime() - runStart) / 1e9 / Math.max(1, step - firstStep);
    return new Result(step, perStep, epochSeconds, curve, loss, skipped);
  }

  private static Map<String, NDArray> snapshot(Map<String, Parameter> params,
      Map<String, NDArray> previous) {
    if (previous != null) {
      previous.values().forEach(NDArray::close);
    }
    Map<String, NDArray> copy = new java.util.LinkedHashMap<>();
    params.forEach((name, p) -> {
      NDArray a = p.getArray().duplicate();
      a.setRequiresGradient(false);
      copy.put(name, a);
    });
    return copy;
  }

  private double update(TokenizedSet set, List<Features.Feature> batch,
      Map<String, Parameter> params, AdamW adam, int step, float rate) {
    Engine.getEngine(ReaderModel.ENGINE).setRandomSeed(
        (int) ((settings.seed() * 1_000_003L + step) & 0x7fffffff));
    NDManager manager = model.manager();
    try (NDScope scope = new NDScope()) {
      long[][][] in = Features.inputs(set, batch);
      int seq = in[0][0].length;
      int[] starts = new int[batch.size()];
      int[] ends = new int[batch.size()];
      for (int b = 0; b < batch.size(); b++) {
        starts[b] = batch.get(b).startLabel();
        ends[b] = batch.get(b).endLabel();
      }
      NDArray mask = manager.create(in[1]);
      double value;
      try (GradientCollector gc = Engine.getEngine(ReaderModel.ENGINE).newGradientCollector()) {
        NDList logits = model.block().forward(new ParameterStore(manager, false),
            new NDList(manager.create(in[0]), mask, manager.create(in[2])), true);
        NDArray padding = mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(-1e4f);
        NDArray loss = crossEntropy(logits.get(0).add(padding), manager.create(starts), seq)
            .add(crossEntropy(logits.get(1).add(padding), manager.create(ends), seq)).div(2f);
        gc.backward(loss);
        value = loss.getFloat();
      }
      float norm = clip(params, settings.clipNorm());
      boolean finite = Double.isFinite(value) && Float.isFinite(norm);
      if (finite) {
        adam.step(step + 1, rate);
      }
      for (Parameter p : params.values()) {
        // Zeroed by assignment: a NaN gradient times zero is still NaN.
        p.getArray().getGradient().set(new NDIndex("..."), 0f);
      }
      return finite ? value : Double.NaN;
    }
  }

  private static NDArray crossEntropy(NDArray logits, NDArray labels, int seq) {
    NDArray oneHot = labels.oneHot(seq).toType(DataType.FLOAT32, false);
    return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
  }

  /** Scales the gradients down to {@code maxNorm} when their global norm exceeds it; the norm. */
  private static float clip(Map<String, Parameter> params, float maxNorm) {
    List<NDArray> squares = new ArrayList<>();
    for (Parameter p : params.values()) {
      squares.add(p.getArray().getGradient().square().sum());
    }
    float norm = (float) Math.sqrt(ai.djl.ndarray.NDArrays.stack(new NDList(squares)).sum()
        .getFloat());
    if (norm > maxNorm) {
      float scale = maxNorm / (norm + 1e-6f);
      for (Parameter p : params.values()) {
        p.getArray().getGradient().muli(scale);
      }
    }
    return norm;
  }

  /** Writes the trained weights as a model directory beside the base's tokenizer. */
  public static void export(ReaderModel model, Path out, boolean int8, String version)
      throws IOException {
    Files.createDirectories(out);
    Weights.write(model.block(), out.resolve("model.safetensors"), int8);
    model.block().config().write(out.resolve("config.json"));
    Files.copy(model.dir().resolve("tokenizer.json"), out.resolve("tokenizer.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(out.resolve("VERSION"), version + "\n");
  }
}
