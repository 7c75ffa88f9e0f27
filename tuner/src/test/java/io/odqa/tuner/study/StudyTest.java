package io.odqa.tuner.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.odqa.tuner.sampler.tpe.TpeSampler;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.space.SearchSpaceJson;
import io.odqa.tuner.store.InMemoryStudyStore;
import io.odqa.tuner.store.StudyStore;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StudyTest {
  static final SearchSpace SPACE = SearchSpaceJson.parseResource("/search-spaces/pipeline.json");

  /** A deterministic objective of the pipeline knobs. */
  static double objective(Trial t) {
    double k1 = (Double) t.params().get("bm25K1");
    double b = (Double) t.params().get("bm25B");
    long topK = (Long) t.params().get("topK");
    return (k1 - 1.2) * (k1 - 1.2) + (b - 0.75) * (b - 0.75) + Math.abs(topK - 10) / 50.0;
  }

  private static Study open(StudyStore store, AtomicLong clock) {
    return Study.builder().setName("s").setStore(store).optSpace(SPACE).optSeed(7)
        .optSampler(new TpeSampler()).optClock(clock::get)
        .optStaleAfter(Duration.ofSeconds(60)).open();
  }

  @Test
  void askTellAndBestTrial() {
    Study study = open(new InMemoryStudyStore(), new AtomicLong());
    Trial t0 = study.ask();
    Trial t1 = study.ask();
    assertEquals(0, t0.number());
    assertEquals(TrialState.RUNNING, t1.state());
    study.tell(1, 0.5);
    study.tell(0, 0.25);
    assertEquals(0, study.bestTrial().orElseThrow().number());
    assertEquals(TrialState.COMPLETE, study.trial(0).state());
  }

  @Test
  void maximizeTakesTheLargestValue() {
    Study study = Study.builder().setName("m").setStore(new InMemoryStudyStore()).optSpace(SPACE)
        .optDirection(Direction.MAXIMIZE).open();
    study.tell(study.ask().number(), 1.0);
    study.tell(study.ask().number(), 3.0);
    assertEquals(3.0, study.bestTrial().orElseThrow().value());
  }

  @Test
  void retellingAFinishedTrialIsRejected() {
    Study study = open(new InMemoryStudyStore(), new AtomicLong());
    int n = study.ask().number();
    study.tell(n, 1.0);
    TrialFinishedException e = assertThrows(TrialFinishedException.class, () -> study.tell(n, 2));
    assertEquals("trial 0 of study \"s\" must be RUNNING to be told or heartbeated, got COMPLETE",
        e.getMessage());
    assertThrows(TrialFinishedException.class, () -> study.tellFailed(n));
    assertEquals(1.0, study.trial(n).value());
    assertThrows(IllegalArgumentException.class, () -> study.tell(5, 1.0));
    assertThrows(IllegalArgumentException.class, () -> study.tell(study.ask().number(), Double.NaN));
  }

  @Test
  void staleRunningTrialIsFailedOnTheNextAskUnlessItBeats() {
    AtomicLong clock = new AtomicLong(1_000);
    Study study = open(new InMemoryStudyStore(), clock);
    int stale = study.ask().number();
    int alive = study.ask().number();
    clock.addAndGet(50_000);
    study.heartbeat(alive);
    clock.addAndGet(20_000);
    study.ask();
    assertEquals(TrialState.FAILED, study.trial(stale).state());
    assertEquals(TrialState.RUNNING, study.trial(alive).state());
    assertThrows(TrialFinishedException.class, () -> study.tell(stale, 1.0));
  }

  @Test
  void resumedStudyDrawsWhatAnUninterruptedOneDraws() {
    AtomicLong clock = new AtomicLong();
    Study whole = open(new InMemoryStudyStore(), clock);
    for (int i = 0; i < 25; i++) {
      Trial t = whole.ask();
      whole.tell(t.number(), objective(t));
    }
    StudyStore store = new InMemoryStudyStore();
    Study first = open(store, clock);
    for (int i = 0; i < 12; i++) {
      Trial t = first.ask();
      first.tell(t.number(), objective(t));
    }
    Study resumed = open(store, clock);
    for (int i = 0; i < 13; i++) {
      Trial t = resumed.ask();
      resumed.tell(t.number(), objective(t));
    }
    assertEquals(whole.trials(), resumed.trials());
  }

  @Test
  void resumeWithAnotherSeedIsRejected() {
    StudyStore store = new InMemoryStudyStore();
    open(store, new AtomicLong());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Study.builder()
        .setName("s").setStore(store).optSeed(8).open());
    assertEquals("study \"s\" is stored with seed 7; it must match, got 8", e.getMessage());
  }
}
