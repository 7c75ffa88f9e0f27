package io.odqa.cli;

import io.odqa.core.api.ApiKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code ./odqa api-keys --dir D}: the local installation's API keys, made once. One key,
 * {@code operator} (roles operator and viewer), used by the person running the platform, by
 * {@code ./odqa}'s commands and by the services when they call each other. It writes
 * {@code D/keys.env}, owner-only, with {@code ODQA_API_KEYS} (what the services accept: the
 * key's SHA-256 only) and {@code ODQA_API_KEY} (the key itself, what clients send). Existing
 * files are kept, so the key survives restarts; nothing of this is ever committed. Elsewhere
 * (compose, Kubernetes) the same two variables come from a secret.
 */
@Command(name = "api-keys", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Create the local API key unless it exists; print where it is.")
final class ApiKeysCommand implements Callable<Integer> {
  private static final SecureRandom RANDOM = new SecureRandom();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", required = true, description = "where keys.env lives")
  Path dir;

  @Override
  public Integer call() throws IOException {
    Path env = dir.resolve("keys.env");
    if (!Files.isRegularFile(env)) {
      SecretFiles.writeOwnerOnly(env, envFile(newKey()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("API key (X-API-Key, roles operator and viewer): ODQA_API_KEY in " + env);
    out.flush();
    return 0;
  }

  /** 32 random bytes, base64url: {@code odqa_} and 43 characters. */
  static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "odqa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The two variables for {@code key}, in the form {@code ./odqa} sources. */
  static String envFile(String key) {
    return "# The local API key (./odqa api-keys). Services accept ODQA_API_KEYS (hashes only);\n"
        + "# clients send ODQA_API_KEY as X-API-Key.\n"
        // Quoted: '|' would be a pipe to a shell that sources the file.
        + "ODQA_API_KEYS='operator:operator|viewer:" + ApiKey.sha256(key) + "'\n"
        + "ODQA_API_KEY='" + key + "'\n";
  }
}
