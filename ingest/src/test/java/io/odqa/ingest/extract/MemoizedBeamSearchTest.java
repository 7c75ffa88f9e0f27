package io.odqa.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.odqa.core.model.Passage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import opennlp.tools.chunker.ChunkerME;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract: {@link MemoizedPosTagger} and {@link MemoizedChunker} give exactly the tags and
 * chunks of OpenNLP's {@code POSTaggerME} (Penn) and {@code ChunkerME}, sentence by sentence.
 * The generated sentences mix words whose tag depends on their neighbours ("that", "saw",
 * "record", "like", ...), so the beams disagree on recent tags; a memo keyed on less than the
 * two previous decisions (the previous decision alone, or the one before it alone) changes tags or
 * chunks in some of them and fails this test.
 */
class MemoizedBeamSearchTest {
  private static final Path SQUAD = Path.of(System.getProperty("odqa.squad.corpus",
      "../../shared/data/squad-open/corpus.jsonl"));
  private static final String[][] WORDS = {
    {"the", "a", "this", "that", "these", "every", "no", "its", "their", "her"},
    {"old", "red", "open", "free", "fast", "early", "public", "present", "close", "light"},
    {"record", "house", "plant", "run", "saw", "can", "book", "set", "will", "point", "study",
     "fish", "match", "court", "present", "train", "board", "water", "state", "rock"},
    {"Paris", "Lucene", "Beyoncé", "Kafka", "IBM", "Notre", "Dame", "New", "York", "Chopin",
     "United", "Nations", "U.S.", "Warsaw", "Apple"},
    {"is", "was", "has", "had", "saw", "records", "runs", "plants", "can", "will", "set",
     "books", "studied", "founded", "won", "led", "became", "opened", "trains", "points"},
    {"in", "on", "of", "by", "for", "with", "before", "after", "like", "as", "up", "round",
     "to", "from", "that", "than", "since", "until"},
    {"and", "or", "but", "while", "because", "if", "so"},
    {"not", "also", "only", "still", "later", "just", "well", "back", "down", "more"},
    {"1999", "20", "two", "3.5", "first", "million", "1,200", "IV", "%", "$"},
    {",", ".", ";", ":", "(", ")", "\"", "'s", "-", "--", "?", "!"},
  };
  private static final String[] FIXED = {
    "Doug Cutting created Lucene in 1999 .", "Kafka was open-sourced by LinkedIn .",
    "Neo4j , a graph database , is written in Java .", "Beyoncé has won 20 Grammy Awards .",
    "The United Methodist Church ( UMC ) is a denomination .",
    "Time flies like an arrow ; fruit flies like a banana .",
    "The old man the boats that the old men saw .", "I saw her duck under the table .",
    "They can fish and they can can fish .", "Buffalo buffalo Buffalo buffalo buffalo .",
    "x", "... ...", "The complex houses married and single soldiers and their families ."
  };
  private static Annotator annotator;
  private static POSTaggerME openNlpTagger;
  private static ChunkerME openNlpChunker;
  private static MemoizedPosTagger tagger;
  private static MemoizedChunker chunker;

  @BeforeAll
  static void loadModels() {
    OpenNlpModels models = OpenNlpModels.fromClasspath();
    annotator = new Annotator(models);
    openNlpTagger = new POSTaggerME(models.posTags(), POSTagFormat.PENN);
    openNlpChunker = new ChunkerME(models.chunks());
    tagger = new MemoizedPosTagger(models.posTags());
    chunker = new MemoizedChunker(models.chunks());
  }

  @Test
  void sameAsOpenNlpOnGeneratedSentences() {
    Random random = new Random(42);
    List<String[]> sentences = new ArrayList<>();
    for (String fixed : FIXED) {
      sentences.add(fixed.split(" "));
    }
    for (int n = 0; n < 400; n++) {
      String[] words = new String[1 + random.nextInt(45)];
      for (int i = 0; i < words.length; i++) {
        String[] kind = WORDS[random.nextInt(WORDS.length)];
        words[i] = kind[random.nextInt(kind.length)];
      }
      sentences.add(words);
    }
    assertEquals(sentences.stream().mapToInt(s -> s.length).sum(), compare(sentences));
  }

  @Test
  void sameAsOpenNlpOnSquadParagraphs() throws IOException {
    assumeTrue(Files.exists(SQUAD), "SQuAD-open corpus not found at " + SQUAD);
    List<String[]> sentences = new ArrayList<>();
    for (Passage p : ExtractionSample.read(SQUAD).subList(0, 60)) {
      for (Span sentence : annotator.sentences(p.text())) {
        Span[] tokens = annotator.tokens(p.text(), sentence);
        if (tokens.length > 0) {
          sentences.add(Arrays.stream(tokens).map(t -> p.text().substring(t.getStart(),
              t.getEnd())).toArray(String[]::new));
        }
      }
    }
    assertEquals(sentences.stream().mapToInt(s -> s.length).sum(), compare(sentences));
  }

  @Test
  void emptySentenceGivesNoTags() {
    assertArrayEquals(new String[0], tagger.tag(new String[0]));
    assertArrayEquals(new String[0], chunker.chunk(new String[0], new String[0]));
  }

  /**
   * Asserts tags, and chunks over OpenNLP's tags, equal OpenNLP's for every sentence; returns
   * the number of tokens compared.
   */
  private static int compare(List<String[]> sentences) {
    int tokens = 0;
    for (String[] words : sentences) {
      String[] expectedTags = openNlpTagger.tag(words);
      String sentence = String.join(" ", words);
      assertArrayEquals(expectedTags, tagger.tag(words), sentence);
      assertArrayEquals(openNlpChunker.chunk(words, expectedTags),
          chunker.chunk(words, expectedTags), sentence);
      tokens += words.length;
    }
    return tokens;
  }
}
