package io.odqa.qa.tune;

import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.read.DjlReader;
import io.odqa.qa.read.ForwardScheduler;
import io.odqa.qa.read.ReadCascade;
import io.odqa.qa.read.Reading;
import io.odqa.qa.read.ReaderBusyException;
import io.odqa.qa.read.TextAnswer;
import io.odqa.qa.retrieve.ScoredPassage;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.Span;
import io.odqa.reader.read.SpanReader;
import io.odqa.reader.read.Window;
import io.odqa.reader.read.WindowLogits;
import io.odqa.reader.read.Windows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reader stage of {@code /ask} ({@link DjlReader}) over cached logits: only passages whose
 * windows are not cached go through the model, one question's batches at a time through the
 * {@link ForwardScheduler}, so a session holds at most one queue slot and live traffic keeps its
 * admission. Decoding and scoring are the live code's ({@link SpanReader#best}, {@link
 * DjlReader#answers}).
 */
final class CachedReader {
  /**
   * First wait after the scheduler refuses a question's passes; doubled up to {@link
   * #MAX_BACKOFF_MS}.
   */
  private static final long FIRST_BACKOFF_MS = 50;
  private static final long MAX_BACKOFF_MS = 2_000;
  /** After this long refused, the refusal reaches the caller (503 with Retry-After). */
  private static final long GIVE_UP_NANOS = TimeUnit.MINUTES.toNanos(2);

  private final ModelSource model;
  private final ForwardScheduler scheduler;
  private final WindowCache cache;
  private final int nBest;

  CachedReader(ModelSource model, ForwardScheduler scheduler, WindowCache cache, int nBest) {
    this.model = model;
    this.scheduler = scheduler;
    this.cache = cache;
    this.nBest = nBest;
  }

  /**
   * Text answers to question {@code q} from the passages {@code read}, best first, read in the
   * rounds of {@code cascade} as the live reader reads them ({@link ReadCascade}).
   */
  Reading read(int q, String question, List<ScoredPassage> read, PipelineConfig.Reader r,
      PipelineConfig.Cascade cascade) {
    if (read.isEmpty()) {
      return Reading.NONE;
    }
    ReaderSettings settings = DjlReader.settings(r, nBest, scheduler.maxWindows(),
        scheduler.maxPadding());
    return ReadCascade.read(read, cascade, r, nBest, part -> spans(q, question, part, r,
        settings));
  }

  /** The best spans of {@code part}, from cached windows where there are some. */
  private List<Span> spans(int q, String question, List<ScoredPassage> part,
      PipelineConfig.Reader r, ReaderSettings settings) {
    List<List<WindowLogits>> perPassage = patiently(() -> scheduler.reading(
        () -> model.withModel(m -> windows(m, q, question, part, r, settings))));
    List<WindowLogits> all = new ArrayList<>();
    for (int j = 0; j < perPassage.size(); j++) {
      for (WindowLogits w : perPassage.get(j)) {
        all.add(w.withPassage(j));
      }
    }
    List<String> texts = part.stream().map(p -> p.passage().text()).toList();
    return SpanReader.best(all, texts, settings);
  }

  /** Each read passage's compact windows, from the cache or, for the others, one forward run. */
  private List<List<WindowLogits>> windows(ReaderModel m, int q, String question,
      List<ScoredPassage> read, PipelineConfig.Reader r, ReaderSettings settings) {
    List<List<WindowLogits>> out = new ArrayList<>(read.size());
    List<Integer> missing = new ArrayList<>();
    List<WindowCache.Key> keys = new ArrayList<>(read.size());
    for (int j = 0; j < read.size(); j++) {
      WindowCache.Key key = new WindowCache.Key(q, read.get(j).passage().id(), r.windowTokens(),
          r.stride(), m.version());
      keys.add(key);
      List<WindowLogits> cached = cache.get(key);
      out.add(cached);
      if (cached == null) {
        missing.add(j);
      }
    }
    if (!missing.isEmpty()) {
      List<List<WindowLogits>> fresh = forward(m, question,
          missing.stream().map(j -> read.get(j).passage().text()).toList(), settings);
      for (int i = 0; i < missing.size(); i++) {
        out.set(missing.get(i), fresh.get(i));
        cache.put(keys.get(missing.get(i)), fresh.get(i));
      }
    }
    cache.count(read.size() - missing.size(), missing.size());
    return out;
  }

  /** Compact windows of each of {@code texts}, in plan order, as the live reader lays them out. */
  private List<List<WindowLogits>> forward(ReaderModel m, String question, List<String> texts,
      ReaderSettings settings) {
    QaTokenizer tok = m.tokenizer();
    long[] q = SpanReader.questionIds(tok.tokenize(question).ids(), settings);
    List<QaTokenizer.Tokens> tokens = texts.stream().map(tok::tokenize).toList();
    List<Window> plan = Windows.plan(q.length, tokens, settings);
    List<WindowLogits> logits = SpanReader.forward(
        batches -> scheduler.forwardAll(m, batches), tok.cls(), tok.sep(), q, tokens, plan,
        settings);
    List<List<WindowLogits>> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      out.add(new ArrayList<>());
    }
    for (WindowLogits w : logits) {
      out.get(w.window().passage()).add(w.compact());
    }
    out.forEach(ws -> ws.sort(Comparator.comparingInt(w -> w.window().first())));
    return out;
  }

  /**
   * Runs {@code work} until the scheduler admits it: an evaluation yields to live traffic,
   * backing off while the queue is full, and gives up only after {@link #GIVE_UP_NANOS}.
   */
  private static <T> T patiently(java.util.function.Supplier<T> work) {
    long deadline = System.nanoTime() + GIVE_UP_NANOS;
    long backoff = FIRST_BACKOFF_MS;
    while (true) {
      try {
        return work.get();
      } catch (ReaderBusyException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(Math.min(backoff, TimeUnit.SECONDS.toMillis(e.retryAfterSeconds())));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        backoff = Math.min(2 * backoff, MAX_BACKOFF_MS);
      }
    }
  }
}
