package io.odqa.kg.qa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The graph stage's learned parts, versioned together: the relation-path classifier
 * ({@value #CLASSIFIER_FILE}) and the answer ranker beside it ({@value AnswerRanker#FILE_NAME}).
 * A model directory holds both and, optionally, a {@value #VERSION_FILE} file; without one the
 * version is the directory's name ({@code models/kgqa} is {@code kgqa}, a refresh's
 * {@code graph-<job>} is itself), as reader model directories are named.
 *
 * @param version what {@code /ask} reports as {@code graphModelVersion}
 * @param dir where it was loaded from
 * @param classifier the relation-path classifier
 * @param ranker the answer ranker; support-only when the directory has none
 */
public record GraphModel(String version, Path dir, PathClassifier classifier,
    AnswerRanker ranker) {
  /** File name of the classifier inside a model directory. */
  public static final String CLASSIFIER_FILE = "paths.json";
  /** Optional file holding the version. */
  public static final String VERSION_FILE = "VERSION";

  public GraphModel {
    if (version == null || version.isBlank() || classifier == null || ranker == null) {
      throw new IllegalArgumentException("a graph model needs a version, a classifier and a "
          + "ranker");
    }
  }

  /**
   * Loads the model in {@code location}: a directory, or the classifier file inside one (as
   * {@code odqa.kgqa.model} names it).
   *
   * @throws IOException when the classifier or a present ranker cannot be read
   */
  public static GraphModel load(Path location) throws IOException {
    Path file = Files.isDirectory(location) ? location.resolve(CLASSIFIER_FILE) : location;
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isRegularFile(file)) {
      throw new IOException("no relation-path classifier at " + file);
    }
    PathClassifier classifier = PathClassifier.load(file);
    Path rankerFile = dir.resolve(AnswerRanker.FILE_NAME);
    AnswerRanker ranker = Files.isRegularFile(rankerFile) ? AnswerRanker.load(rankerFile)
        : AnswerRanker.supportOnly();
    Path versionFile = dir.resolve(VERSION_FILE);
    String version = Files.isRegularFile(versionFile)
        ? Files.readString(versionFile, StandardCharsets.UTF_8).strip()
        : String.valueOf(dir.getFileName());
    return new GraphModel(version.isBlank() ? String.valueOf(dir.getFileName()) : version, dir,
        classifier, ranker);
  }
}
