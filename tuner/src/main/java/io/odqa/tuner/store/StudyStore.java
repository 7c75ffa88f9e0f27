package io.odqa.tuner.store;

import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Trial;
import java.util.List;
import java.util.Optional;

/**
 * Where a study and its trials live. Every method is one small atomic write or read; writes are
 * idempotent (the same call twice leaves the same state), so a retried write is harmless.
 */
public interface StudyStore {

  /** The definition of study {@code name}, if stored. */
  Optional<StudyRecord> findStudy(String name);

  /**
   * Stores {@code study} unless a study of that name exists; returns the stored definition, which
   * differs from {@code study} when another definition was there first.
   */
  StudyRecord createStudy(StudyRecord study);

  /** Inserts or replaces trial {@code trial.number()} of study {@code study}. */
  void saveTrial(String study, Trial trial);

  /** Every trial of {@code study} ordered by number, with params typed against {@code space}. */
  List<Trial> loadTrials(String study, SearchSpace space);

  /** Removes the study and its trials; does nothing if there is none. */
  void deleteStudy(String name);
}
