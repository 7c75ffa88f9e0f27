package io.odqa.tuner.store;

import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A store in a map: nothing survives the process. For benchmarks and unit tests. */
public final class InMemoryStudyStore implements StudyStore {
  private final Map<String, StudyRecord> studies = new TreeMap<>();
  private final Map<String, TreeMap<Integer, Trial>> trials = new TreeMap<>();

  @Override
  public synchronized Optional<StudyRecord> findStudy(String name) {
    return Optional.ofNullable(studies.get(name));
  }

  @Override
  public synchronized StudyRecord createStudy(StudyRecord study) {
    return studies.computeIfAbsent(study.name(), n -> study);
  }

  @Override
  public synchronized void saveTrial(String study, Trial trial) {
    if (!studies.containsKey(study)) {
      throw new IllegalArgumentException("study must exist, got \"" + study + "\"");
    }
    trials.computeIfAbsent(study, s -> new TreeMap<>()).put(trial.number(), trial);
  }

  @Override
  public synchronized List<Trial> loadTrials(String study, SearchSpace space) {
    return new ArrayList<>(trials.getOrDefault(study, new TreeMap<>()).values());
  }

  @Override
  public synchronized void deleteStudy(String name) {
    studies.remove(name);
    trials.remove(name);
  }
}
