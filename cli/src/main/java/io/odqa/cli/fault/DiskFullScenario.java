package io.odqa.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/**
 * The disk fills up during an ingest: ingest's data directory is a tmpfs of {@code diskMb} MiB,
 * and jobs of documents are submitted one after another until one fails (or a submission is
 * refused for want of space, after which smaller jobs follow). The failed job must say that
 * the disk is full, and the last commit of the index must still open and count its passages.
 * Then the tmpfs is grown ({@code mount -o remount,size=}), the failed jobs retried and refused
 * batches sent again: every job must finish and every document be in the index once.
 *
 * <p>Needs root (or CAP_SYS_ADMIN) to mount; without it the scenario is skipped, saying why.
 */
final class DiskFullScenario implements Scenario {
  private static final Duration JOB_LIMIT = Duration.ofMinutes(5);
  private static final int MAX_JOBS = 80;

  private final int diskMb;
  private final int docsPerJob;

  DiskFullScenario(int diskMb, int docsPerJob) {
    if (diskMb < 8 || docsPerJob < 10) {
      throw new IllegalArgumentException("diskMb must be >= 8 and docsPerJob >= 10, got "
          + diskMb + ", " + docsPerJob);
    }
    this.diskMb = diskMb;
    this.docsPerJob = docsPerJob;
  }

  @Override
  public String name() {
    return "disk-full";
  }

  @Override
  public void run(FaultRun run, Outcome out) throws Exception {
    Path mnt = Files.createDirectories(run.dir.resolve("disk-full").resolve("mnt"));
    String mounted = command("mount", "-t", "tmpfs", "-o", "size=" + diskMb + "m", "tmpfs",
        mnt.toString());
    if (mounted != null) {
      out.skip("cannot mount a tmpfs (" + mounted.trim() + "); run as root");
      return;
    }
    run.onClose(() -> command("umount", "-l", mnt.toString()));
    run(run, out, mnt);
  }

  private void run(FaultRun run, Outcome out, Path mnt) throws Exception {
    String tag = run.id + "-disk";
    String collection = "fault-" + tag;
    Path data = mnt.resolve("data");
    out.put("disk_mb", diskMb);
    try (Stack stack = new Stack(run, tag, data, false, Set.of("ingest"))) {
      out.put("ingest_start_s", stack.ingest.start());
      List<String> accepted = new ArrayList<>();
      List<int[]> refused = new ArrayList<>();
      String failedJob = null;
      JsonNode failed = null;
      int next = 0;
      int size = docsPerJob;
      long t0 = System.nanoTime();
      for (int j = 0; j < MAX_JOBS && failedJob == null && size >= 1; j++) {
        int from = next;
        int to = next + size;
        next = to;
        Http.Reply r = stack.submit(collection, documents(tag, from, to));
        if (r.status() != 202) {
          run.log("job of %d documents refused: %s %s", size, r.kind(), r.json().path("detail"));
          refused.add(new int[] {from, to});
          out.put("refused_detail", r.json().path("detail").asText(r.body()));
          size /= 4;
          continue;
        }
        String id = r.json().path("jobId").asText();
        accepted.add(id);
        JsonNode job = stack.awaitJob(id, JOB_LIMIT);
        if (!"done".equals(job.path("status").asText())) {
          failedJob = id;
          failed = job;
        }
      }
      out.put("fill_s", FaultRun.seconds(t0)).put("documents_sent", next)
          .put("jobs_accepted", accepted.size()).put("batches_refused", refused.size())
          .put("disk_used", df(mnt));
      out.check(failedJob != null, "a job failed once the disk was full");
      if (failedJob == null) {
        return;
      }
      String error = failed.path("error").asText("");
      out.put("failed_job", Map.of("status", failed.path("status").asText(), "error", error,
          "processed", failed.path("processed").asLong(), "total", failed.path("total").asLong()));
      out.check("failed".equals(failed.path("status").asText()), "the job's status is failed");
      out.check(error.toLowerCase(Locale.ROOT).contains("no space"),
          "the job's error says the disk is full: " + error);

      Path index = data.resolve("index").resolve(collection);
      Map<String, Object> readable = new LinkedHashMap<>();
      try (FSDirectory dir = FSDirectory.open(index);
          DirectoryReader reader = DirectoryReader.open(dir)) {
        readable.put("passages", reader.numDocs());
        readable.put("segments", reader.leaves().size());
      } catch (IOException | RuntimeException e) {
        readable.put("error", e.toString());
      }
      Http.Reply summary = run.http.get(stack.ingest.url() + "/api/v1/collections/" + collection,
          Duration.ofSeconds(30));
      readable.put("ingest_summary", summary.ok() ? summary.json() : summary.kind());
      out.put("index_while_full", readable);
      out.check(readable.containsKey("passages"), "the index opens while the disk is full");

      long grow = System.nanoTime();
      String remounted = command("mount", "-o", "remount,size=" + diskMb * 16 + "m",
          mnt.toString());
      out.check(remounted == null, "tmpfs grown: " + remounted);
      List<String> retried = new ArrayList<>();
      for (String id : accepted) {
        JsonNode job = stack.awaitJob(id, Duration.ofSeconds(5));
        if ("failed".equals(job.path("status").asText())) {
          Http.Reply r = run.http.post(stack.ingest.url() + "/api/v1/jobs/" + id + "/retry", "",
              "application/json", Duration.ofSeconds(30));
          out.check(r.ok(), "retry of " + id + " accepted: " + r.kind() + " " + r.body());
          retried.add(id);
        }
      }
      for (int[] batch : refused) {
        Http.Reply r = stack.submit(collection, documents(tag, batch[0], batch[1]));
        out.check(r.status() == 202, "refused batch accepted once there is space: " + r.kind());
        accepted.add(r.json().path("jobId").asText());
      }
      Map<String, Long> states = new LinkedHashMap<>();
      for (String id : accepted) {
        JsonNode job = stack.awaitJob(id, JOB_LIMIT);
        states.merge(job.path("status").asText("missing"), 1L, Long::sum);
        if (!"done".equals(job.path("status").asText())) {
          out.put("not_done_" + id, job);
        }
      }
      out.put("jobs_retried", retried.size()).put("jobs_after_growing", states)
          .put("recovery_s", FaultRun.seconds(grow));
      out.check(states.getOrDefault("done", 0L) == accepted.size(),
          "every job done after the disk grew: " + states);
      Map<String, Integer> ids = stack.documentIds(collection);
      Set<Integer> all = new TreeSet<>();
      for (int i = 0; i < next; i++) {
        all.add(i);
      }
      Set<String> missing = Stack.missing(tag, all, ids);
      long twice = ids.values().stream().filter(n -> n > 1).count();
      out.put("documents", next).put("documents_listed", ids.size())
          .put("lost", missing.size()).put("listed_twice", twice);
      out.check(missing.isEmpty() && ids.size() == next,
          "every document in the index: " + ids.size() + " of " + next);
      out.check(twice == 0, "no document in the index twice");
    }
  }

  /**
   * Documents {@code from..to-1}: 150 words each, drawn from random letters seeded by the
   * document number, so that the index grows about as fast as the text.
   */
  private static String documents(String tag, int from, int to) {
    StringBuilder body = new StringBuilder();
    for (int i = from; i < to; i++) {
      Random random = new Random(i);
      StringBuilder text = new StringBuilder("Document ").append(i).append(" says");
      for (int w = 0; w < 150; w++) {
        text.append(' ');
        int len = 3 + random.nextInt(8);
        for (int c = 0; c < len; c++) {
          text.append((char) ('a' + random.nextInt(26)));
        }
        if (w % 15 == 14) {
          text.append('.');
        }
      }
      body.append("{\"id\": \"").append(Stack.docId(tag, i)).append("\", \"title\": \"Filler ")
          .append(i).append("\", \"text\": \"").append(text).append(".\"}\n");
    }
    return body.toString();
  }

  private static Map<String, Long> df(Path mnt) throws IOException {
    var store = Files.getFileStore(mnt);
    return Map.of("total_bytes", store.getTotalSpace(), "free_bytes", store.getUsableSpace());
  }

  /** Runs a command; null when it exited 0, else its output. */
  private static String command(String... args) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return String.join(" ", args) + " timed out";
    }
    String output = new String(p.getInputStream().readAllBytes());
    return p.exitValue() == 0 ? null : output.isBlank() ? "exit " + p.exitValue() : output;
  }
}
