package io.odqa.reader.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.SpanReader;
import io.odqa.reader.read.Window;
import io.odqa.reader.read.Windows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's windows: each SQuAD-open dev question with its gold paragraph, laid out as the
 * service lays them out ({@link SpanReader#questionIds}, {@link Windows#plan}, {@link
 * Windows#tensors}: {@code [CLS] question [SEP] window [SEP]}, at most {@code maxSeqLength}
 * tokens), then shuffled with a fixed seed so that any run of consecutive windows mixes articles,
 * as concurrent requests do.
 *
 * @param items the windows, in benchmark order
 * @param questions questions read
 * @param skipped questions whose {@code context_id} is not in the corpus (counted, not read)
 */
public record BenchWindows(List<Item> items, int questions, int skipped) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One window of one question.
   *
   * @param window where it lies; its passage index is 0, the only passage of {@code passage}
   * @param tokens the passage's tokens
   * @param passage the passage's text
   * @param input ids, mask and token types {@code [3][1][len]}, unpadded
   */
  public record Item(Window window, QaTokenizer.Tokens tokens, String passage, long[][][] input) {
    /** Tokens of the input: {@code [CLS] question [SEP] window [SEP]}. */
    public int length() {
      return input[0][0].length;
    }
  }

  public BenchWindows {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no windows: " + questions + " questions read, "
          + skipped + " without their paragraph");
    }
    items = List.copyOf(items);
  }

  /**
   * The windows of the first {@code limit} questions of {@code squad}/dev.jsonl over the
   * paragraphs of {@code squad}/corpus.jsonl, shuffled with {@code seed}.
   */
  public static BenchWindows load(Path squad, QaTokenizer tok, ReaderSettings settings,
      int limit, long seed) throws IOException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    Map<String, String> corpus = new HashMap<>();
    for (String line : Files.readAllLines(squad.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonNode n = JSON.readTree(line);
        corpus.put(n.path("id").asText(), n.path("text").asText());
      }
    }
    Map<String, QaTokenizer.Tokens> tokenized = new HashMap<>();
    List<Item> items = new ArrayList<>();
    int questions = 0;
    int skipped = 0;
    for (String line : Files.readAllLines(squad.resolve("dev.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || questions + skipped >= limit) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      String passage = corpus.get(n.path("context_id").asText());
      if (passage == null) {
        skipped++;
        continue;
      }
      questions++;
      QaTokenizer.Tokens tokens = tokenized.computeIfAbsent(passage, tok::tokenize);
      long[] q = SpanReader.questionIds(tok.tokenize(n.path("question").asText()).ids(),
          settings);
      for (Window w : Windows.plan(q.length, List.of(tokens), settings)) {
        items.add(new Item(w, tokens, passage,
            Windows.tensors(tok.cls(), tok.sep(), q, List.of(tokens), List.of(w))));
      }
    }
    Collections.shuffle(items, new Random(seed));
    return new BenchWindows(items, questions, skipped);
  }

  /**
   * Batch {@code index} of {@code size} consecutive windows, wrapping around at the end: batch
   * {@code i} of a size is the same for every engine.
   */
  public List<Item> batch(int index, int size) {
    List<Item> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(items.get((int) (((long) index * size + i) % items.size())));
    }
    return out;
  }

  /**
   * The inputs {@code [3][rows][seq]} of {@code batch}, right-padded with zeros to its longest
   * window only, as {@link Windows#tensors} pads the windows of one request.
   */
  public static long[][][] pad(List<Item> batch) {
    int longest = batch.stream().mapToInt(Item::length).max().orElseThrow();
    long[][][] out = new long[3][batch.size()][longest];
    for (int b = 0; b < batch.size(); b++) {
      long[][][] in = batch.get(b).input();
      for (int k = 0; k < 3; k++) {
        System.arraycopy(in[k][0], 0, out[k][b], 0, in[k][0].length);
      }
    }
    return out;
  }

  /** Mean input tokens per window, padding excluded. */
  public double meanLength() {
    return items.stream().mapToInt(Item::length).average().orElse(0);
  }
}
