package io.odqa.reader.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `./odqa bench reader` refuses a bad option by name, before it loads any model. */
class ReaderBenchArgumentsTest {
  private static final Path DATA = Path.of(System.getProperty("odqa.squad.dir",
      "../../shared/data/squad-open")).getParent();

  private static String refusal(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ReaderBench()).setErr(new PrintWriter(err));
    int status = cli.execute(args);
    assertEquals(2, status, err.toString());
    return err.toString();
  }

  @Test
  void anUnknownPrecisionIsNamed() {
    String err = refusal("--model", "../models/reader", "--data", DATA.toString(),
        "--ort-precision", "int4");
    assertTrue(err.contains("--ort-precision must be fp32 or int8, got 'int4'"), err);
  }

  @Test
  void anUnknownMemoryModeIsNamed() {
    String err = refusal("--model", "../models/reader", "--data", DATA.toString(),
        "--ort-memory", "lots");
    assertTrue(err.contains("--ort-memory must be arena, arena-per-pass or none"), err);
  }
}
