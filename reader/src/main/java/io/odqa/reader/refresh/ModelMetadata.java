package io.odqa.reader.refresh;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The provenance of a refreshed model version, stored as {@value #FILE} in its directory: which
 * champion it came from, exactly which data trained it, with what settings, and what the run
 * measured. The registry lists versions by reading these files.
 *
 * @param version this model's version, equal to its {@code VERSION} file and directory name
 * @param parent the champion's version
 * @param dataFingerprint {@link QaExamples#fingerprint} of the feedback and replay examples
 * @param examples how many examples of each kind trained it
 * @param settings the refresh settings
 * @param trainSeconds wall-clock seconds of the training loop
 * @param steps optimizer updates
 * @param finalLoss span loss of the last update applied
 * @param skippedUpdates updates skipped for a loss or gradient that was not finite (0 in the
 *     metadata of versions written before it was recorded)
 * @param createdAt when the version was written, ISO-8601 ({@link Instant#toString()})
 */
public record ModelMetadata(String version, String parent, String dataFingerprint,
    Examples examples, RefreshSettings settings, double trainSeconds, int steps, double finalLoss,
    int skippedUpdates, String createdAt) {
  /** File name of the metadata in a model directory. */
  public static final String FILE = "metadata.json";

  // A registry outlives the code that wrote it: fields added later must not make old readers fail.
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * Example counts.
   *
   * @param feedback distinct feedback examples (before repetition)
   * @param replay replay examples
   */
  public record Examples(int feedback, int replay) {
    public Examples {
      if (feedback < 0 || replay < 0) {
        throw new IllegalArgumentException("example counts must be >= 0, got feedback "
            + feedback + ", replay " + replay);
      }
    }
  }

  public ModelMetadata {
    for (String[] field : new String[][] {{"version", version}, {"parent", parent},
        {"dataFingerprint", dataFingerprint}, {"createdAt", createdAt}}) {
      if (field[1] == null || field[1].isBlank()) {
        throw new IllegalArgumentException("metadata " + field[0] + " must be non-blank, got "
            + (field[1] == null ? "null" : "'" + field[1] + "'"));
      }
    }
    if (examples == null || settings == null) {
      throw new IllegalArgumentException("metadata of " + version + " needs examples and settings");
    }
    if (steps < 0 || skippedUpdates < 0) {
      throw new IllegalArgumentException("metadata steps and skippedUpdates must be >= 0, got "
          + steps + " and " + skippedUpdates);
    }
    try {
      Instant.parse(createdAt);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("metadata createdAt must be ISO-8601, got '" + createdAt
          + "'", e);
    }
  }

  /** Writes {@value #FILE} into {@code modelDir}. */
  public void write(Path modelDir) throws IOException {
    Files.writeString(modelDir.resolve(FILE),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
  }

  /** Reads {@value #FILE} from {@code modelDir}. */
  public static ModelMetadata read(Path modelDir) throws IOException {
    return JSON.readValue(modelDir.resolve(FILE).toFile(), ModelMetadata.class);
  }

  /**
   * The metadata of every version directly under {@code registryRoot} that has {@value #FILE},
   * oldest first (ties by version). Directories whose names start with a dot are a refresh still
   * being written, or one that died, and are skipped.
   */
  public static List<ModelMetadata> list(Path registryRoot) throws IOException {
    List<ModelMetadata> out = new ArrayList<>();
    if (!Files.isDirectory(registryRoot)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(registryRoot)) {
      for (Path dir : dirs.sorted().toList()) {
        if (!dir.getFileName().toString().startsWith(".")
            && Files.isRegularFile(dir.resolve(FILE))) {
          out.add(read(dir));
        }
      }
    }
    out.sort(Comparator.comparing((ModelMetadata m) -> Instant.parse(m.createdAt()))
        .thenComparing(ModelMetadata::version));
    return out;
  }
}
