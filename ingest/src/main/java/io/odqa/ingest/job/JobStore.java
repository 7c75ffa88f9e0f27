package io.odqa.ingest.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Jobs on disk: {@code <root>/<id>/items.jsonl} holds the accepted documents or triples and
 * {@code <root>/<id>/job.json} the latest state. State files are replaced atomically, so a
 * crash leaves either the old state or the new one, never a torn file.
 */
public final class JobStore {
  private static final String ITEMS = "items.jsonl";
  private static final String STATE = "job.json";

  private final Path root;
  private final ObjectMapper mapper;

  public JobStore(Path root, ObjectMapper mapper) {
    this.root = root;
    this.mapper = mapper;
  }

  /** Spools {@code items} and the initial state of a new job. */
  public void create(JobState state, List<?> items) throws IOException {
    Path dir = Files.createDirectories(root.resolve(state.id()));
    Path spool = dir.resolve(ITEMS);
    try (BufferedWriter out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
      for (Object item : items) {
        out.write(mapper.writeValueAsString(item));
        out.write('\n');
      }
    }
    save(state);
  }

  /** Replaces the saved state of {@code state.id()}. */
  public void save(JobState state) throws IOException {
    Path dir = root.resolve(state.id());
    Path tmp = dir.resolve(STATE + ".tmp");
    Files.write(tmp, mapper.writeValueAsBytes(state));
    Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Every saved job, in no particular order. */
  public List<JobState> loadAll() throws IOException {
    List<JobState> jobs = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return jobs;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.toList()) {
        Path state = dir.resolve(STATE);
        if (Files.isRegularFile(state)) {
          jobs.add(mapper.readValue(state.toFile(), JobState.class));
        }
      }
    }
    return jobs;
  }

  /** Opens the spooled items of job {@code id}, one JSON value per line. */
  public BufferedReader items(String id) throws IOException {
    return Files.newBufferedReader(root.resolve(id).resolve(ITEMS), StandardCharsets.UTF_8);
  }

  /** Parses one spooled line as a {@code type}. */
  public <T> T item(String line, Class<T> type) throws IOException {
    return mapper.readValue(line, type);
  }
}
