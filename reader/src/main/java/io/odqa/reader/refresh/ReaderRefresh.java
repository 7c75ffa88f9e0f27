package io.odqa.reader.refresh;

import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.train.Features;
import io.odqa.reader.train.ReaderTrainer;
import io.odqa.reader.train.TokenizedSet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The core of the reader-refresh job: loads the champion, fine-tunes it on the feedback examples
 * (each repeated {@link RefreshSettings#feedbackRepeats()} times) mixed with the replay examples,
 * and writes the result as {@code <registryRoot>/<version>/} with {@code config.json}, {@code
 * tokenizer.json}, fp32 {@code model.safetensors}, {@code VERSION} and {@value
 * ModelMetadata#FILE}.
 *
 * <p>The version directory appears whole or not at all: everything is written to a dot-named
 * temporary directory beside it, which is renamed into place with one atomic move, and removed
 * when the run fails or is cancelled. A registry reader therefore never sees half a model.
 */
public final class ReaderRefresh {
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path registryRoot;
  private final RefreshSettings settings;
  private final String device;
  private final PrintStream log;

  /** What a refresh produced: the new version's directory and its metadata. */
  public record Result(Path dir, ModelMetadata metadata) {}

  /**
   * Refreshes into {@code registryRoot} with {@code settings} on {@code device} ({@code auto}
   * takes a GPU when there is one, {@code cpu} forces the CPU), logging to {@code log}.
   */
  public ReaderRefresh(Path registryRoot, RefreshSettings settings, String device,
      PrintStream log) {
    this.registryRoot = Objects.requireNonNull(registryRoot, "registryRoot");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.device = Objects.requireNonNull(device, "device");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** As {@link #refresh(Path, String, List, List, ReaderTrainer.Progress, BooleanSupplier)}. */
  public Result refresh(Path champion, String version, List<QaExample> feedback,
      List<QaExample> replay) throws IOException {
    return refresh(champion, version, feedback, replay, (step, total) -> { }, () -> false);
  }

  /**
   * Fine-tunes the model in {@code champion} and writes it as {@code version}, reporting each
   * update to {@code progress}. {@code cancelled} is checked before every update; once it is true
   * the run stops with {@link CancellationException} and leaves nothing in the registry.
   *
   * @throws FileAlreadyExistsException when the registry already holds {@code version}
   * @throws IllegalArgumentException for a malformed version name, no examples at all, or
   *     examples none of which yields a training window
   */
  public Result refresh(Path champion, String version, List<QaExample> feedback,
      List<QaExample> replay, ReaderTrainer.Progress progress, BooleanSupplier cancelled)
      throws IOException {
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("version must match " + VERSION.pattern() + ", got "
          + (version == null ? "null" : "'" + version + "'"));
    }
    if (feedback.isEmpty() && replay.isEmpty()) {
      throw new IllegalArgumentException("a refresh needs examples, got 0 feedback and 0 replay");
    }
    Path target = registryRoot.resolve(version);
    requireAbsent(target);
    Files.createDirectories(registryRoot);
    Path partial = Files.createTempDirectory(registryRoot, "." + version + ".partial-");
    try (ReaderModel model = ReaderModel.load(champion, device)) {
      ModelMetadata metadata = train(model, version, feedback, replay, progress, cancelled);
      ReaderTrainer.export(model, partial, false, version);
      metadata.write(partial);
      requireAbsent(target);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      log.printf("refresh %s (from %s) -> %s%n", version, metadata.parent(), target);
      return new Result(target, metadata);
    } catch (IOException | RuntimeException | Error e) {
      try {
        deleteTree(partial);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private ModelMetadata train(ReaderModel model, String version, List<QaExample> feedback,
      List<QaExample> replay, ReaderTrainer.Progress progress, BooleanSupplier cancelled)
      throws IOException {
    List<QaExample> mix = new ArrayList<>();
    for (int r = 0; r < settings.feedbackRepeats(); r++) {
      mix.addAll(feedback);
    }
    mix.addAll(replay);
    TokenizedSet set = QaExamples.tokenize(mix, model.tokenizer());
    if (Features.training(set, ReaderSettings.DEFAULT.withWindow(settings.maxSeqLength(),
        settings.stride())).isEmpty()) {
      throw new IllegalArgumentException("none of the " + mix.size()
          + " examples yields a training window (is every answer made of droppable characters?)");
    }
    log.printf("refreshing %s on %s: %d feedback x%d + %d replay, %s%n", model.version(),
        model.device(), feedback.size(), settings.feedbackRepeats(), replay.size(), settings);
    long start = System.nanoTime();
    ReaderTrainer.Result r = new ReaderTrainer(model, settings.trainSettings(), log, progress,
        cancelled).train(set, null, null);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new ModelMetadata(version, model.version(), QaExamples.fingerprint(feedback, replay),
        new ModelMetadata.Examples(feedback.size(), replay.size()), settings, seconds, r.steps(),
        r.finalLoss(), r.skippedUpdates(), Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
  }

  private static void requireAbsent(Path target) throws FileAlreadyExistsException {
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "the registry already holds this version");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
