package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.api.ApiKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ApiKeysCommandTest {
  @TempDir Path dir;

  @Test
  void theFileIsOwnerOnlyKeptAndReadsBackThroughTheShellThatOdqaIs() throws Exception {
    assertEquals(0, new CommandLine(new ApiKeysCommand()).execute("--dir", dir.toString()));
    Path env = dir.resolve("keys.env");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
    String first = Files.readString(env);
    new CommandLine(new ApiKeysCommand()).execute("--dir", dir.toString());
    assertEquals(first, Files.readString(env), "an existing key is kept");

    // ./odqa sources the file with `set -a`: the values must survive the shell unchanged.
    Process bash = new ProcessBuilder("bash", "-c",
        "set -euo pipefail; set -a; source \"$1\"; printf '%s\\n%s' \"$ODQA_API_KEYS\" "
            + "\"$ODQA_API_KEY\"", "bash", env.toString()).redirectErrorStream(true).start();
    assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
    String[] out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .split("\n");
    assertEquals(0, bash.exitValue(), String.join("\n", out));
    String key = out[1];
    assertTrue(key.startsWith("odqa_") && key.length() == 48, key);
    assertEquals("operator:operator|viewer:" + ApiKey.sha256(key), out[0]);
  }
}
