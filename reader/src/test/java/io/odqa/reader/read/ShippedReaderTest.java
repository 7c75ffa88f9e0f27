package io.odqa.reader.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.reader.model.ReaderModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader the repository ships ({@code models/reader}, per-row int8) answers questions about
 * the demo corpus's first paragraph with the exact span. It fails if the weights, the int8
 * loading, the windows or the decoding break.
 */
class ShippedReaderTest {
  private static final String PASSAGE = "Information retrieval is the study of finding material,"
      + " usually documents, that satisfies an information need from within a large collection."
      + " The field grew out of library science and out of post-war worries about the flood of"
      + " scientific publications. In his 1945 essay \"As We May Think\", published in The"
      + " Atlantic, Vannevar Bush imagined the memex, a desk-sized machine that would store a"
      + " person's books and records and link them by association. The phrase \"information"
      + " retrieval\" itself is usually credited to Calvin Mooers, who introduced it around 1950.";
  private static ReaderModel model;

  @BeforeAll
  static void load() throws Exception {
    model = ReaderModel.load(Path.of("..", "models", "reader"), "cpu");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Who is credited with the phrase information retrieval?|Calvin Mooers",
      "In which year did Vannevar Bush publish As We May Think?|1945",
      "Where was As We May Think published?|The Atlantic",
      "What machine did Vannevar Bush imagine?|the memex"})
  void answersWithTheExactSpan(String question, String answer) {
    List<Span> spans = SpanReader.read(model, question, List.of(PASSAGE), ReaderSettings.DEFAULT);
    Span best = spans.get(0);
    assertEquals(answer, best.text());
    assertEquals(answer, PASSAGE.substring(best.start(), best.end()));
  }
}
