package io.odqa.feedback.job;

import java.util.Map;

/** The work of one kind of job; returns the result the job stores and the CLI prints. */
public interface JobWork {
  /** Runs {@code request} as job {@code jobId}, reporting to {@code progress}. */
  Map<String, Object> run(String jobId, JobRequest request, Progress progress) throws Exception;
}
