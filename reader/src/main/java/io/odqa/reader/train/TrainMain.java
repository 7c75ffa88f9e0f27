package io.odqa.reader.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.ReaderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The reader's training commands.
 *
 * <pre>
 * prepare --tokenizer tokenizer.json --questions Q.jsonl --corpus corpus.jsonl --out SET.json.gz
 * train   --base MODEL_DIR --train SET.json.gz [--dev SET.json.gz] --out MODEL_DIR
 *         [--epochs 4] [--batch 32] [--lr 1e-4] [--warmup 0.1] [--weight-decay 0] [--clip 1]
 *         [--seed 0] [--max-seq 384] [--stride 128] [--checkpoints DIR] [--checkpoint-every N]
 *         [--max-steps N] [--top-layers N] [--device auto] [--int8] [--keep-best]
 *         [--version NAME]
 * eval    --model MODEL_DIR --dev SET.json.gz [--device auto]
 * export  --model MODEL_DIR --out MODEL_DIR [--int8] [--version NAME]
 * </pre>
 */
public final class TrainMain {
  private TrainMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage("a command: prepare, train, eval or export");
    }
    try {
      run(args[0], options(args));
    } catch (IllegalArgumentException e) {
      // Bad settings (a stride longer than half the window, say) name themselves.
      System.err.println("reader training: " + e.getMessage());
      System.exit(2);
    } catch (java.nio.file.NoSuchFileException e) {
      System.err.println("reader training: no such file: " + e.getMessage());
      System.exit(1);
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      System.err.println("reader training: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String command, Map<String, String> o) throws Exception {
    switch (command) {
      case "prepare" -> {
        try (QaTokenizer tok = new QaTokenizer(Path.of(need(o, "tokenizer")))) {
          TokenizedSet set = TokenizedSet.build(Path.of(need(o, "questions")),
              Path.of(need(o, "corpus")), tok);
          set.write(Path.of(need(o, "out")));
          System.out.printf("%d questions over %d paragraphs -> %s%n", set.questions().size(),
              set.contexts().size(), o.get("out"));
        }
      }
      case "train" -> train(o);
      case "eval" -> {
        try (ReaderModel model = ReaderModel.load(Path.of(need(o, "model")),
            o.getOrDefault("device", "auto"))) {
          Evaluator.Scores s = Evaluator.evaluate(model, TokenizedSet.read(Path.of(need(o, "dev"))),
              ReaderSettings.DEFAULT);
          System.out.printf("{\"n\":%d,\"em\":%.4f,\"f1\":%.4f}%n", s.n(), s.em(), s.f1());
        }
      }
      case "export" -> {
        try (ReaderModel model = ReaderModel.load(Path.of(need(o, "model")), "cpu")) {
          Path out = Path.of(need(o, "out"));
          ReaderTrainer.export(model, out, o.containsKey("int8"),
              o.getOrDefault("version", model.version()));
          System.out.println("exported " + model.version() + " -> " + out
              + (o.containsKey("int8") ? " (per-row int8)" : ""));
        }
      }
      default -> usage("a command: prepare, train, eval or export, not '" + command + "'");
    }
  }

  private static void train(Map<String, String> o) throws Exception {
    TrainSettings s = new TrainSettings(integer(o, "epochs", 4), integer(o, "batch", 32),
        (float) number(o, "lr", 1e-4), (float) number(o, "warmup", 0.1),
        (float) number(o, "weight-decay", 0), (float) number(o, "clip", 1),
        integer(o, "seed", 0), integer(o, "max-seq", 384), integer(o, "stride", 128),
        integer(o, "checkpoint-every", 0), integer(o, "max-steps", 0),
        integer(o, "top-layers", TrainSettings.ALL_LAYERS));
    TokenizedSet train = TokenizedSet.read(Path.of(need(o, "train")));
    TokenizedSet dev = o.containsKey("dev") ? TokenizedSet.read(Path.of(o.get("dev"))) : null;
    Path out = Path.of(need(o, "out"));
    Path checkpoints = o.containsKey("checkpoints") ? Path.of(o.get("checkpoints")) : null;
    long start = System.nanoTime();
    try (ReaderModel model = ReaderModel.load(Path.of(need(o, "base")),
        o.getOrDefault("device", "auto"))) {
      System.out.printf("training on %s: %s%n", model.device(), s);
      ReaderTrainer.Result r = new ReaderTrainer(model, s, System.out).train(train, dev,
          checkpoints, o.containsKey("keep-best"));
      String version = o.getOrDefault("version", out.getFileName().toString());
      ReaderTrainer.export(model, out, o.containsKey("int8"), version);
      ObjectMapper json = new ObjectMapper();
      ObjectNode report = json.createObjectNode();
      report.put("version", version);
      report.put("device", model.device().toString());
      report.putPOJO("settings", s);
      report.put("updates", r.steps());
      report.put("seconds_per_update", r.secondsPerStep());
      report.putPOJO("epoch_seconds", r.epochSeconds());
      report.putPOJO("dev_curve", r.devCurve());
      report.put("final_loss", r.finalLoss());
      report.put("skipped_updates", r.skippedUpdates());
      report.put("wall_seconds", (System.nanoTime() - start) / 1e9);
      Files.writeString(out.resolve("training.json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
      System.out.println(json.writeValueAsString(report));
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        usage("an option, not '" + args[i] + "'");
      }
      String key = args[i].substring(2);
      if (key.equals("int8") || key.equals("keep-best")) {
        o.put(key, "true");
      } else if (i + 1 < args.length) {
        o.put(key, args[++i]);
      } else {
        usage("a value after --" + key);
      }
    }
    return o;
  }

  private static String need(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null) {
      usage("--" + key);
    }
    return v;
  }

  private static int integer(Map<String, String> o, String key, int fallback) {
    return (int) parse(o, key, fallback, true);
  }

  private static double number(Map<String, String> o, String key, double fallback) {
    return parse(o, key, fallback, false);
  }

  private static double parse(Map<String, String> o, String key, double fallback, boolean whole) {
    String v = o.get(key);
    try {
      return v == null ? fallback : whole ? Integer.parseInt(v) : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      usage((whole ? "a whole number" : "a number") + " after --" + key + ", not '" + v + "'");
      return fallback;
    }
  }

  private static void usage(String what) {
    System.err.println("reader training: expected " + what + "\n"
        + "usage: prepare|train|eval ... (see io.odqa.reader.train.TrainMain)");
    System.exit(2);
  }
}
