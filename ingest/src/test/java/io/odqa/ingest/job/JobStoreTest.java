package io.odqa.ingest.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved job states: the stages' progress round-trips, and job files written before the
 * extraction or embedding stage existed still load, with that stage's progress 0 (or complete,
 * for a job that is done).
 */
class JobStoreTest {
  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  @TempDir Path root;

  @Test
  void progressOfEveryStageRoundTrips() throws Exception {
    JobStore store = new JobStore(root, MAPPER);
    JobState job = new JobState("j1", JobKind.DOCUMENTS, "c", JobStatus.RUNNING, 10, 8, 4, 6,
        Map.of("passages", 12L, "embedded", 7L), List.of(), null, java.time.Instant.EPOCH,
        java.time.Instant.EPOCH);
    store.create(job, List.of());
    JobState loaded = store.loadAll().get(0);
    assertEquals(job, loaded);
    assertEquals((8 + 4 + 6) / 30.0, loaded.progress(), 1e-12);
  }

  @Test
  void oldJobFilesLoadWithoutEmbeddedProgress() throws Exception {
    write("running", """
        {"id":"running","kind":"documents","collection":"c","status":"running","total":5,
         "processed":3,"extracted":2,"counters":{"passages":4},"errors":[],"error":null,
         "createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}""");
    write("done", """
        {"id":"done","kind":"documents","collection":"c","status":"done","total":5,
         "processed":5,"counters":{},"errors":[],"error":null,
         "createdAt":"2026-01-02T00:00:00Z","updatedAt":"2026-01-02T00:00:00Z"}""");
    Map<String, JobState> jobs = new java.util.TreeMap<>();
    new JobStore(root, MAPPER).loadAll().forEach(j -> jobs.put(j.id(), j));
    assertEquals(0, jobs.get("running").embedded(), "resumes embedding from the start");
    assertEquals(2, jobs.get("running").extracted());
    assertEquals(5, jobs.get("done").embedded(), "a done job has every stage complete");
    assertEquals(5, jobs.get("done").extracted());
  }

  @Test
  void aStageSwitchedOffCatchesUpWithTheWriter() {
    JobState job = new JobState("j", JobKind.DOCUMENTS, "c", JobStatus.RUNNING, 10, 6, 2, 1,
        Map.of(), List.of(), null, java.time.Instant.EPOCH, java.time.Instant.EPOCH);
    JobState off = job.withStagesOff(true, false);
    assertEquals(2, off.extracted());
    assertEquals(6, off.embedded());
    JobState written = off.withWritten(4, false, true, Map.of("passages", 5L));
    assertEquals(10, written.embedded());
    assertEquals(2, written.extracted());
    assertEquals(Map.of("passages", 5L), written.counters());
  }

  private void write(String id, String json) throws Exception {
    Files.createDirectories(root.resolve(id));
    Files.writeString(root.resolve(id).resolve("job.json"), json);
  }
}
