package io.odqa.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.Passage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs {@link OpenNlpTripleExtractor} over a JSONL corpus ({@code {"id","title","text"}} per
 * line, each paragraph one passage starting at offset 0), prints throughput on the first
 * {@value #TIMED_PARAGRAPHS} paragraphs with one and two threads, counts over the whole corpus,
 * and a uniformly random sample of triples drawn with a fixed seed, each with its sentence.
 *
 * <p>Usage: {@code ExtractionSample CORPUS.jsonl SAMPLE_SIZE SEED}
 */
public final class ExtractionSample {
  static final int TIMED_PARAGRAPHS = 500;
  private static final int WARMUP_PARAGRAPHS = 200;

  private final OpenNlpTripleExtractor extractor;

  private ExtractionSample(OpenNlpTripleExtractor extractor) {
    this.extractor = extractor;
  }

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ExtractionSample CORPUS.jsonl SAMPLE_SIZE SEED");
    }
    List<Passage> corpus = read(Path.of(args[0]));
    int sampleSize = Integer.parseInt(args[1]);
    long seed = Long.parseLong(args[2]);
    OpenNlpModels models = OpenNlpModels.fromClasspath();
    ExtractionSample timing = new ExtractionSample(new OpenNlpTripleExtractor(models));
    List<Passage> timed = corpus.subList(0, Math.min(TIMED_PARAGRAPHS, corpus.size()));
    timing.extractAll(corpus.subList(0, Math.min(WARMUP_PARAGRAPHS, corpus.size())), 1);
    timing.time(timed, 1);
    timing.time(timed, 2);
    ExtractionSample run = new ExtractionSample(new OpenNlpTripleExtractor(models));
    long before = System.nanoTime();
    List<ExtractedTriple> all = run.extractAll(corpus, 2);
    double seconds = (System.nanoTime() - before) / 1e9;
    System.out.printf(Locale.ROOT, "corpus: %d passages, %d triples (%.2f per passage), "
        + "%.1f s with 2 threads; sentences seen %d, skipped (> %d tokens) %d%n",
        corpus.size(), all.size(), all.size() / (double) corpus.size(), seconds,
        run.extractor.sentencesSeen(), OpenNlpTripleExtractor.DEFAULT_MAX_SENTENCE_TOKENS,
        run.extractor.sentencesSkipped());
    printSample(corpus, all, sampleSize, seed);
  }

  /** Reads one passage per JSONL line, with id {@code Passage.idOf(id, 0)}. */
  static List<Passage> read(Path corpus) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Passage> passages = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = json.readTree(line);
        String id = node.get("id").asText();
        String text = node.get("text").asText();
        passages.add(new Passage(Passage.idOf(id, 0), id, 0, 0, text.length(), text));
      }
    }
    return passages;
  }

  private void time(List<Passage> passages, int threads) throws InterruptedException {
    long before = System.nanoTime();
    List<ExtractedTriple> triples = extractAll(passages, threads);
    double seconds = (System.nanoTime() - before) / 1e9;
    System.out.printf(Locale.ROOT,
        "throughput, %d thread(s): %d passages in %.2f s = %.1f passages/s, %.2f triples/passage%n",
        threads, passages.size(), seconds, passages.size() / seconds,
        triples.size() / (double) passages.size());
  }

  /** Extracts from every passage, in corpus order whatever the thread count. */
  private List<ExtractedTriple> extractAll(List<Passage> passages, int threads)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<ExtractedTriple>>> futures = new ArrayList<>();
      for (Passage p : passages) {
        futures.add(pool.submit(() -> extractor.extract(p)));
      }
      List<ExtractedTriple> all = new ArrayList<>();
      for (Future<List<ExtractedTriple>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } catch (ExecutionException e) {
      throw new IllegalStateException("extraction failed", e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  private static void printSample(List<Passage> corpus, List<ExtractedTriple> all, int n,
      long seed) {
    Map<String, String> texts = new HashMap<>();
    corpus.forEach(p -> texts.put(p.id(), p.text()));
    List<ExtractedTriple> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(seed));
    System.out.printf(Locale.ROOT, "sample: %d of %d triples, seed %d%n",
        Math.min(n, shuffled.size()), shuffled.size(), seed);
    for (int i = 0; i < Math.min(n, shuffled.size()); i++) {
      ExtractedTriple t = shuffled.get(i);
      String sentence = texts.get(t.passageId()).substring(t.sentenceStart(), t.sentenceEnd());
      System.out.printf(Locale.ROOT, "%d\t%s\t%s\t%s\t%.2f\t%s%n\t%s%n", i + 1, t.head().text(),
          t.relation(), t.tail().text(), t.confidence(), t.passageId(),
          sentence.replace('\n', ' '));
    }
  }
}
