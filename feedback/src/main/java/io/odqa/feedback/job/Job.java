package io.odqa.feedback.job;

import java.util.Map;

/**
 * A job as stored.
 *
 * @param id unique id
 * @param kind retune, refresh or graph-refresh
 * @param collection whose feedback drives it
 * @param state {@code queued}, {@code running}, {@code succeeded}, {@code failed}
 * @param trigger what started it
 * @param request the request as JSON, so a restarted service can run it again
 * @param done steps done
 * @param total steps in all (0 while unknown)
 * @param stage what it is doing now
 * @param result the job's outcome (the CLI prints it), or null
 * @param error why it failed, or null
 * @param attempts runs started (more than 1 after a restart interrupted one)
 * @param createdAt epoch ms
 * @param startedAt epoch ms, or 0
 * @param finishedAt epoch ms, or 0
 */
public record Job(String id, String kind, String collection, String state, String trigger,
    String request, long done, long total, String stage, Map<String, Object> result,
    String error, long attempts, long createdAt, long startedAt, long finishedAt) {

  /** Whether it is queued or running. */
  public boolean active() {
    return "queued".equals(state) || "running".equals(state);
  }
}
