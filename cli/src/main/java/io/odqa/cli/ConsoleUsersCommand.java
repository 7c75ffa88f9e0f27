package io.odqa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code ./odqa console-users --dir D}: the local console's users, made once per installation.
 * Two users with random passwords: {@code operator} (roles operator and viewer) and
 * {@code viewer}. It writes {@code D/users.properties}, the console's configuration of Quarkus's
 * embedded realm holding only the digests, and {@code D/credentials}, the passwords for the person
 * running the platform (both readable by the owner only). Existing files are kept, so the
 * passwords stay the same across restarts; nothing of this is ever committed.
 */
@Command(name = "console-users", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Create the local console users (random passwords) unless they exist; print how"
        + " to log in.")
final class ConsoleUsersCommand implements Callable<Integer> {
  /** The user that may change state, and the read-only one. */
  record User(String name, List<String> roles) {}

  static final List<User> USERS = List.of(
      new User("operator", List.of("operator", "viewer")), new User("viewer", List.of("viewer")));
  /** The realm name Quarkus's embedded users hash with. */
  private static final String REALM = "Quarkus";
  private static final SecureRandom RANDOM = new SecureRandom();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", required = true, description = "where the two files live")
  Path dir;

  @Override
  public Integer call() throws IOException {
    Path users = dir.resolve("users.properties");
    Path credentials = dir.resolve("credentials");
    if (!Files.isRegularFile(users) || !Files.isRegularFile(credentials)) {
      write(dir);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(Files.readString(credentials).strip());
    out.flush();
    return 0;
  }

  /** Makes new passwords and writes both files (owner-only) into {@code dir}. */
  static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder config = new StringBuilder(
        "# The console's local users (./odqa console-users): digests only.\n"
            + "quarkus.security.users.embedded.enabled=true\n"
            + "quarkus.security.users.embedded.plain-text=false\n"
            + "quarkus.security.users.embedded.algorithm=digest-sha-256\n"
            // Sessions outlive a restart; without a key the console makes one per start.
            + "quarkus.http.auth.session.encryption-key=" + password() + password() + "\n");
    StringBuilder secrets = new StringBuilder();
    for (User u : USERS) {
      String password = password();
      config.append("quarkus.security.users.embedded.users.").append(u.name()).append('=')
          .append(digest(u.name(), password)).append('\n')
          .append("quarkus.security.users.embedded.roles.").append(u.name()).append('=')
          .append(String.join(",", u.roles())).append('\n');
      secrets.append(u.name()).append(' ').append(password).append('\n');
    }
    SecretFiles.writeOwnerOnly(dir.resolve("users.properties"), config.toString());
    SecretFiles.writeOwnerOnly(dir.resolve("credentials"), secrets.toString());
  }

  /** HEX(SHA-256("user:Quarkus:password")), the embedded realm's digest-sha-256 form. */
  static String digest(String user, String password) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest((user + ":" + REALM + ":" + password).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String password() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
