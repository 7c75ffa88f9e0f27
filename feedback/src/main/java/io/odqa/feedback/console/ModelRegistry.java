package io.odqa.feedback.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.kg.qa.GraphModel;
import io.odqa.reader.refresh.ModelMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The model registry ({@code odqa.loop.refresh.registry-dir}) as the console sees it: one
 * directory per version with its {@value ModelMetadata#FILE}, as the reader refresh
 * ({@link ModelMetadata}) and the graph refresh write them. A directory whose name starts with a
 * dot is a version still being written, and is not listed.
 */
@ApplicationScoped
public class ModelRegistry {
  /** Legal version names: those the reader refresh accepts, so never a path. */
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Set<String> IDENTITY = Set.of("version", "parent", "createdAt",
      "created_at_millis", "collection");
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final Path root;
  private final ObjectMapper mapper;

  ModelRegistry(FeedbackConfig config, ObjectMapper mapper) {
    this.root = config.loop().refresh().registryDir();
    this.mapper = mapper;
  }

  /**
   * Checks that {@code version} names a version and cannot leave the registry.
   *
   * @throws IllegalArgumentException naming the bad value and the legal form
   */
  public static String checkVersion(String version) {
    if (version == null || !VERSION.matcher(version).matches() || version.contains("..")) {
      throw new IllegalArgumentException("version must match " + VERSION.pattern()
          + " without '..', got " + (version == null ? "null" : "'" + version + "'"));
    }
    return version;
  }

  /** The directory of {@code version} (as the refresh jobs name it); checks the name first. */
  public Path dir(String version) {
    return root.resolve(checkVersion(version));
  }

  /** Version {@code version}, if the registry has it (without decision or active flag). */
  public Optional<ModelVersion> find(String version) {
    Map<String, Map<String, Object>> all = metadata();
    return all.containsKey(checkVersion(version))
        ? Optional.of(view(version, all)) : Optional.empty();
  }

  /** Every version, newest first, ties by version (without decision or active flag). */
  public List<ModelVersion> versions() {
    Map<String, Map<String, Object>> all = metadata();
    List<ModelVersion> out = new ArrayList<>();
    for (String version : all.keySet()) {
      out.add(view(version, all));
    }
    out.sort(Comparator.comparingLong(ModelVersion::createdAtMillis).reversed()
        .thenComparing(ModelVersion::version));
    return out;
  }

  private ModelVersion view(String version, Map<String, Map<String, Object>> all) {
    Map<String, Object> m = all.get(version);
    String parent = text(m.get("parent"));
    List<String> lineage = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(version));
    for (String p = parent; p != null && seen.add(p);
        p = all.containsKey(p) ? text(all.get(p).get("parent")) : null) {
      lineage.add(p);
    }
    String base = lineage.isEmpty() ? null : lineage.get(lineage.size() - 1);
    Map<String, Object> metrics = new LinkedHashMap<>(m);
    metrics.keySet().removeAll(IDENTITY);
    Path dir = root.resolve(version);
    return new ModelVersion(version, kind(dir), createdAt(m, dir), parent, lineage, base,
        text(m.get("collection")), metrics, null, false);
  }

  /** Every listed version's metadata, by version. */
  private Map<String, Map<String, Object>> metadata() {
    Map<String, Map<String, Object>> out = new HashMap<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.toList()) {
        String name = dir.getFileName().toString();
        Path file = dir.resolve(ModelMetadata.FILE);
        if (!name.startsWith(".") && VERSION.matcher(name).matches()
            && Files.isRegularFile(file)) {
          out.put(name, mapper.readValue(file.toFile(), MAP));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("model registry " + root + " is unreadable", e);
    }
    return out;
  }

  private static String kind(Path dir) {
    return Files.isRegularFile(dir.resolve(GraphModel.CLASSIFIER_FILE))
        || dir.getFileName().toString().startsWith("graph-")
        ? ModelVersion.GRAPH : ModelVersion.READER;
  }

  /** The reader's ISO {@code createdAt}, the graph's {@code created_at_millis}, else the mtime. */
  private static long createdAt(Map<String, Object> m, Path dir) {
    if (m.get("createdAt") instanceof String iso) {
      try {
        return Instant.parse(iso).toEpochMilli();
      } catch (DateTimeParseException e) {
        // Fall through to the other sources: an old or hand-written file.
      }
    }
    if (m.get("created_at_millis") instanceof Number millis) {
      return millis.longValue();
    }
    try {
      return Files.getLastModifiedTime(dir).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException("model directory " + dir + " is unreadable", e);
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
