package io.odqa.reader.refresh;

import java.nio.file.Path;
import java.util.List;

/** Tiny hand-written examples and the paths of the shipped reader and the shared data. */
final class Fixtures {
  /** The shipped champion reader (bge-small, 12 layers), relative to the module directory. */
  static final Path CHAMPION = Path.of("..", "models", "reader");
  /** SQuAD-open: {@code ../shared/data} from the repository root, as the other modules use it. */
  static final Path SQUAD = Path.of(System.getProperty("odqa.squad.dir",
      "../../shared/data/squad-open"));

  private static final String HOPPER =
      "Grace Hopper built the first COBOL compiler in 1959. She was a rear admiral.";
  private static final String TURING =
      "Alan Turing described a universal machine in 1936 at Cambridge.";
  private static final String CURIE =
      "Marie Curie won the Nobel Prize in Physics in 1903 and in Chemistry in 1911.";

  private Fixtures() {}

  static QaExample example(String id, String question, String context, String answer) {
    return new QaExample(id, question, context, answer, context.indexOf(answer));
  }

  static List<QaExample> feedback() {
    return List.of(
        example("fb-1", "Who built the first COBOL compiler?", HOPPER, "Grace Hopper"),
        example("fb-2", "What rank did Grace Hopper hold?", HOPPER, "rear admiral"),
        example("fb-3", "When did Curie win the chemistry prize?", CURIE, "1911"));
  }

  static List<QaExample> replay() {
    return List.of(
        example("rp-1", "What did Turing describe?", TURING, "a universal machine"),
        example("rp-2", "Where was Turing in 1936?", TURING, "Cambridge"),
        example("rp-3", "Who won the Nobel Prize in Physics in 1903?", CURIE, "Marie Curie"));
  }
}
