package io.odqa.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Contract: the confidence is in (0, 1) and monotone in every feature, over random features. */
class ConfidenceModelTest {
  private static final String[] PREPOSITIONS = {"", "of", "for", "on", "to", "in", "by", "at"};

  private static TripleFeatures random(Random r) {
    return new TripleFeatures(1 + r.nextInt(90), 1 + r.nextInt(6),
        Relation.Shape.values()[r.nextInt(Relation.Shape.values().length)],
        PREPOSITIONS[r.nextInt(PREPOSITIONS.length)], r.nextBoolean(), r.nextBoolean(),
        r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
        r.nextBoolean());
  }

  private static void assertNotHigher(TripleFeatures f, UnaryOperator<TripleFeatures> worse) {
    double before = ConfidenceModel.confidence(f);
    double after = ConfidenceModel.confidence(worse.apply(f));
    assertTrue(after <= before, f + ": " + after + " > " + before);
    assertTrue(before > 0 && before < 1, f + ": " + before);
  }

  @Test
  void monotoneInEveryFeature() {
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      TripleFeatures f = random(r);
      assertNotHigher(f, g -> with(g, g.sentenceTokens() + 1 + r.nextInt(30), g.relationWords(),
          g.headNamed(), g.tailNamed(), g.coversSentence(), g.nounAfterTail(),
          g.conjunctionBeforeRelation(), g.headSkipped(), g.nonfiniteRelation()));
      assertNotHigher(f, g -> with(g, g.sentenceTokens(), g.relationWords() + 1, g.headNamed(),
          g.tailNamed(), g.coversSentence(), g.nounAfterTail(), g.conjunctionBeforeRelation(),
          g.headSkipped(), g.nonfiniteRelation()));
      assertNotHigher(f, g -> with(g, g.sentenceTokens(), g.relationWords(), false, false, false,
          true, true, true, true));
    }
  }

  @Test
  void shapesAreOrderedAsInReVerb() {
    Random r = new Random(11);
    for (int i = 0; i < 500; i++) {
      TripleFeatures f = random(r);
      double v = ConfidenceModel.confidence(shape(f, Relation.Shape.VERB));
      double vp = ConfidenceModel.confidence(shape(f, Relation.Shape.VERB_PREP));
      double vwp = ConfidenceModel.confidence(shape(f, Relation.Shape.VERB_WORDS_PREP));
      assertTrue(v < vp && vp < vwp, f.toString());
    }
  }

  private static TripleFeatures shape(TripleFeatures f, Relation.Shape shape) {
    return new TripleFeatures(f.sentenceTokens(), f.relationWords(), shape, f.lastPreposition(),
        f.headNamed(), f.tailNamed(), f.coversSentence(), f.headStartsSentence(),
        f.nounAfterTail(), f.conjunctionBeforeRelation(), f.headSkipped(), f.nonfiniteRelation());
  }

  private static TripleFeatures with(TripleFeatures f, int sentenceTokens, int relationWords,
      boolean headNamed, boolean tailNamed, boolean covers, boolean nounAfterTail,
      boolean conjunction, boolean skipped, boolean nonfinite) {
    // Each argument may only make the triple look worse than f does, never better.
    return new TripleFeatures(sentenceTokens, relationWords, f.shape(), f.lastPreposition(),
        headNamed && f.headNamed(), tailNamed && f.tailNamed(), covers && f.coversSentence(),
        f.headStartsSentence(), nounAfterTail || f.nounAfterTail(),
        conjunction || f.conjunctionBeforeRelation(), skipped || f.headSkipped(),
        nonfinite || f.nonfiniteRelation());
  }
}
