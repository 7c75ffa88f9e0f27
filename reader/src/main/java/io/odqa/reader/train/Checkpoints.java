package io.odqa.reader.train;

import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A training checkpoint: weights, AdamW moments and the update count, written to a temporary
 * directory and renamed into place, so a crash mid-write leaves the previous checkpoint intact.
 */
final class Checkpoints {
  private static final String LATEST = "latest";

  private Checkpoints() {}

  static void save(Path root, ReaderModel model, AdamW adam, int step) throws IOException {
    Files.createDirectories(root);
    Path tmp = Files.createTempDirectory(root, "ckpt-");
    Weights.write(model.block(), tmp.resolve("model.safetensors"), false);
    adam.save(tmp.resolve("adamw.safetensors"));
    Files.writeString(tmp.resolve("step"), Integer.toString(step));
    Path latest = root.resolve(LATEST);
    Path old = root.resolve(LATEST + ".old");
    if (Files.exists(latest)) {
      deleteTree(old);
      Files.move(latest, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /** Loads the latest checkpoint into {@code model} and {@code adam}; returns its step or 0. */
  static int restore(Path root, ReaderModel model, AdamW adam) throws IOException {
    Path latest = root.resolve(LATEST);
    if (!Files.isRegularFile(latest.resolve("step"))) {
      latest = root.resolve(LATEST + ".old");
      if (!Files.isRegularFile(latest.resolve("step"))) {
        return 0;
      }
    }
    var weights = Weights.read(latest, model.manager());
    model.block().parametersByName().forEach((name, p) ->
        p.getArray().set(weights.get(name).toFloatArray()));
    weights.values().forEach(a -> a.close());
    adam.load(latest.resolve("adamw.safetensors"), model.manager());
    return Integer.parseInt(Files.readString(latest.resolve("step")).trim());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
