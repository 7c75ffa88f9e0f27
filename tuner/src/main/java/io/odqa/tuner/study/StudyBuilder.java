package io.odqa.tuner.study;

import io.odqa.tuner.sampler.Sampler;
import io.odqa.tuner.sampler.tpe.TpeSampler;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.space.SearchSpaceJson;
import io.odqa.tuner.store.StudyRecord;
import io.odqa.tuner.store.StudyStore;
import io.odqa.tuner.trial.Direction;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Opens a {@link Study}: creates it in the store, or resumes it when the store already holds a
 * study of that name (then its stored space, direction and seed win, and any that were given must
 * match). {@code set*} methods are required, {@code opt*} optional, as in DJL's builders.
 */
public final class StudyBuilder {
  private String name;
  private StudyStore store;
  private SearchSpace space;
  private Direction direction;
  private Long seed;
  private Sampler sampler = new TpeSampler();
  private LongSupplier clock = System::currentTimeMillis;
  private Duration staleAfter = Duration.ofMinutes(10);

  StudyBuilder() {}

  /** What a study is made of once resolved. */
  record Parts(String name, SearchSpace space, Direction direction, long seed, Sampler sampler,
      StudyStore store, LongSupplier clock, long staleAfterMillis) {}

  /** Required: the unique study name. */
  public StudyBuilder setName(String studyName) {
    this.name = studyName;
    return this;
  }

  /** Required: where the study is persisted. */
  public StudyBuilder setStore(StudyStore studyStore) {
    this.store = studyStore;
    return this;
  }

  /** The search space; required for a new study, checked against the stored one on resume. */
  public StudyBuilder optSpace(SearchSpace searchSpace) {
    this.space = searchSpace;
    return this;
  }

  /** Default MINIMIZE for a new study. */
  public StudyBuilder optDirection(Direction studyDirection) {
    this.direction = studyDirection;
    return this;
  }

  /** Default 0 for a new study. */
  public StudyBuilder optSeed(long studySeed) {
    this.seed = studySeed;
    return this;
  }

  /** Default: TPE with Optuna's defaults. Not stored: pass the same sampler on resume. */
  public StudyBuilder optSampler(Sampler studySampler) {
    this.sampler = studySampler;
    return this;
  }

  /** Default: the system clock, in epoch milliseconds. */
  public StudyBuilder optClock(LongSupplier millis) {
    this.clock = millis;
    return this;
  }

  /** How long a RUNNING trial may go without heartbeat before the next ask fails it; default 10 min. */
  public StudyBuilder optStaleAfter(Duration timeout) {
    this.staleAfter = timeout;
    return this;
  }

  /** Creates or resumes the study. */
  public Study open() {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must be a non-blank string, got " + name);
    }
    if (store == null || sampler == null || clock == null) {
      throw new IllegalArgumentException("store, sampler and clock must not be null");
    }
    if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException("staleAfter must be > 0, got " + staleAfter);
    }
    Optional<StudyRecord> stored = store.findStudy(name);
    StudyRecord record = stored.isPresent() ? stored.get() : store.createStudy(newRecord());
    check("direction", direction, record.direction());
    check("seed", seed, record.seed());
    SearchSpace storedSpace = SearchSpaceJson.parse(record.spaceJson());
    check("space", space, storedSpace);
    Parts parts = new Parts(name, storedSpace, record.direction(), record.seed(), sampler, store,
        clock, staleAfter.toMillis());
    return new Study(parts, store.loadTrials(name, storedSpace));
  }

  private StudyRecord newRecord() {
    if (space == null) {
      throw new IllegalArgumentException("space must be set to create study \"" + name + "\"");
    }
    return new StudyRecord(name, direction == null ? Direction.MINIMIZE : direction,
        SearchSpaceJson.write(space), seed == null ? 0L : seed);
  }

  private void check(String field, Object given, Object stored) {
    if (given != null && !given.equals(stored)) {
      throw new IllegalStateException("study \"" + name + "\" is stored with " + field + " "
          + stored + "; it must match, got " + given);
    }
  }
}
