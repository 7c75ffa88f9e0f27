package io.odqa.tuner.study;

import io.odqa.tuner.sampler.Sampler;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.store.StudyStore;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialRandom;
import io.odqa.tuner.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * An optimisation driven by ask and tell (Optuna's {@code Study}). Trials are numbered from 0 in
 * ask order. Each ask first fails RUNNING trials whose last heartbeat is older than the stale
 * timeout (their worker is presumed dead), then asks the sampler with the random source of
 * {@link TrialRandom#forTrial}, and persists the new trial before returning it. Methods are
 * synchronised, so workers in one process may share a study. Open one with {@link #builder()}.
 */
public final class Study {
  private final String name;
  private final SearchSpace space;
  private final Direction direction;
  private final long seed;
  private final Sampler sampler;
  private final StudyStore store;
  private final LongSupplier clock;
  private final long staleAfterMillis;
  private final List<Trial> trials;

  Study(StudyBuilder.Parts parts, List<Trial> loaded) {
    this.name = parts.name();
    this.space = parts.space();
    this.direction = parts.direction();
    this.seed = parts.seed();
    this.sampler = parts.sampler();
    this.store = parts.store();
    this.clock = parts.clock();
    this.staleAfterMillis = parts.staleAfterMillis();
    this.trials = new ArrayList<>(loaded);
    for (int i = 0; i < trials.size(); i++) {
      if (trials.get(i).number() != i) {
        throw new IllegalStateException("stored trials of study \"" + name
            + "\" must be numbered 0.." + (trials.size() - 1) + ", got " + trials.get(i).number()
            + " at position " + i);
      }
    }
  }

  /** A builder that opens (creates, or resumes from its store) a study. */
  public static StudyBuilder builder() {
    return new StudyBuilder();
  }

  /** Proposes, persists and returns a new RUNNING trial. */
  public synchronized Trial ask() {
    long now = clock.getAsLong();
    failStale(now);
    int number = trials.size();
    Map<String, Object> params = sampler.sample(space, List.copyOf(trials), direction,
        TrialRandom.forTrial(seed, number));
    Trial trial = Trial.running(number, space.canonical(params), now);
    store.saveTrial(name, trial);
    trials.add(trial);
    return trial;
  }

  /** Completes trial {@code number} with a finite {@code value}; returns the updated trial. */
  public synchronized Trial tell(int number, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite (use tellFailed), got " + value);
    }
    return replace(running(number).complete(value));
  }

  /** Marks trial {@code number} as FAILED; returns the updated trial. */
  public synchronized Trial tellFailed(int number) {
    return replace(running(number).failed());
  }

  /** Records that the worker evaluating trial {@code number} is alive. */
  public synchronized Trial heartbeat(int number) {
    return replace(running(number).withHeartbeat(clock.getAsLong()));
  }

  /** The best COMPLETE trial (lowest number on ties), if any. */
  public synchronized Optional<Trial> bestTrial() {
    return trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE)
        .min(Comparator.comparingDouble((Trial t) -> direction.loss(t.value()))
            .thenComparingInt(Trial::number));
  }

  /** Every trial, ordered by number. */
  public synchronized List<Trial> trials() {
    return List.copyOf(trials);
  }

  /** The trial numbered {@code number}. */
  public synchronized Trial trial(int number) {
    if (number < 0 || number >= trials.size()) {
      throw new IllegalArgumentException("trial number must be in [0, " + (trials.size() - 1)
          + "], got " + number);
    }
    return trials.get(number);
  }

  public String name() {
    return name;
  }

  public SearchSpace space() {
    return space;
  }

  public Direction direction() {
    return direction;
  }

  public long seed() {
    return seed;
  }

  private void failStale(long now) {
    for (Trial t : List.copyOf(trials)) {
      if (t.state() == TrialState.RUNNING && now - t.heartbeatMillis() > staleAfterMillis) {
        replace(t.failed());
      }
    }
  }

  private Trial running(int number) {
    Trial trial = trial(number);
    if (trial.state() != TrialState.RUNNING) {
      throw new TrialFinishedException(name, number, trial.state());
    }
    return trial;
  }

  private Trial replace(Trial updated) {
    store.saveTrial(name, updated);
    trials.set(updated.number(), updated);
    return updated;
  }
}
