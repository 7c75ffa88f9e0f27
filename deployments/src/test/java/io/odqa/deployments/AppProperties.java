package io.odqa.deployments;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service module's {@code src/main/resources/application.properties}, read the way the
 * descriptors depend on it: the environment variables it names ({@code ${NAME:default}}, nested
 * defaults included), and its values with every expression resolved to what the service uses
 * when no variable is set (profile keys such as {@code %test.x} are left out).
 */
final class AppProperties {
  /** An environment variable in an expression: upper case, as the files spell them. */
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
  private static final Pattern CHANNEL_KEY =
      Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");

  private final String module;
  private final Path file;
  private final String text;
  private final Map<String, String> values;

  private AppProperties(String module, Path file, String text, Map<String, String> values) {
    this.module = module;
    this.file = file;
    this.text = text;
    this.values = values;
  }

  /** The repository root: {@code odqa.repo.root} (set by the POM), else the parent folder. */
  static Path repoRoot() {
    String root = System.getProperty("odqa.repo.root");
    return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
  }

  /** Whether {@code module} (a folder of the repository root) has an application.properties. */
  static boolean exists(String module) {
    return Files.isRegularFile(fileOf(module));
  }

  /** Reads the application.properties of {@code module}, e.g. {@code qa-service}. */
  static AppProperties of(String module) {
    Path file = fileOf(module);
    try {
      String text = Files.readString(file);
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      }
      Map<String, String> values = new TreeMap<>();
      for (String key : p.stringPropertyNames()) {
        if (!key.startsWith("%")) {
          values.put(key, p.getProperty(key));
        }
      }
      return new AppProperties(module, file, text, values);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e, e);
    }
  }

  private static Path fileOf(String module) {
    return repoRoot().resolve(module).resolve("src/main/resources/application.properties");
  }

  String module() {
    return module;
  }

  Path file() {
    return file;
  }

  /** Whether the file's text (comments included) mentions {@code s}. */
  boolean mentions(String s) {
    return text.contains(s);
  }

  /** Every environment variable named in a value, e.g. QA_PORT of {@code ${QA_PORT:8080}}. */
  Set<String> envNames() {
    Set<String> names = new TreeSet<>();
    for (String value : values.values()) {
      Matcher m = ENV_REFERENCE.matcher(value);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * The environment variables a container of this service may be given: those the file names,
   * {@code JDK_JAVA_OPTIONS} (read by the java launcher of the image), and
   * {@code QUARKUS_CONFIG_LOCATIONS} where the file documents it (the console's users).
   */
  Set<String> allowedEnvNames() {
    Set<String> names = new TreeSet<>(envNames());
    names.add("JDK_JAVA_OPTIONS");
    if (mentions("QUARKUS_CONFIG_LOCATIONS")) {
      names.add("QUARKUS_CONFIG_LOCATIONS");
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * The variables a container must set: those whose default is this machine (127.0.0.1 or
   * localhost: another container in a deployment) and the passwords (the defaults are the
   * local development ones).
   */
  Set<String> requiredInContainer() {
    Set<String> names = new TreeSet<>();
    envDefaults().forEach((name, fallback) -> {
      if (fallback.contains("127.0.0.1") || fallback.contains("localhost")
          || name.contains("PASSWORD")) {
        names.add(name);
      }
    });
    return names;
  }

  /**
   * The default of each environment variable, as written after its colon (unresolved), for the
   * variables that have one; e.g. KAFKA_BOOTSTRAP_SERVERS to {@code 127.0.0.1:9092}.
   */
  Map<String, String> envDefaults() {
    Map<String, String> defaults = new TreeMap<>();
    for (String value : values.values()) {
      for (int i = value.indexOf("${"); i >= 0; i = value.indexOf("${", i + 2)) {
        int close = closingBrace(value, i);
        String inner = value.substring(i + 2, close);
        int colon = topLevelColon(inner);
        String name = colon < 0 ? inner : inner.substring(0, colon);
        if (colon >= 0 && name.matches("[A-Z][A-Z0-9_]*")) {
          defaults.put(name, inner.substring(colon + 1));
        }
      }
    }
    return defaults;
  }

  /** The resolved value of {@code key}, or null when the file does not set it. */
  String resolved(String key) {
    String raw = values.get(key);
    return raw == null ? null : expand(raw, new ArrayDeque<>(Set.of(key)));
  }

  /** The port the service listens on when QA_PORT and the like are not set. */
  int httpPort() {
    String port = resolved("quarkus.http.port");
    if (port == null) {
      throw new IllegalStateException(file + " sets no quarkus.http.port");
    }
    return Integer.parseInt(port.strip());
  }

  /**
   * Every Kafka topic the service uses, resolved: each Kafka channel's topic (the channel's name
   * when it sets none), its dead-letter topic, and the {@code topics.*} keys.
   */
  Set<String> kafkaTopics() {
    Set<String> topics = new TreeSet<>();
    for (String key : values.keySet()) {
      Matcher m = CHANNEL_KEY.matcher(key);
      if (m.matches() && "smallrye-kafka".equals(resolved(key))) {
        String channel = "mp.messaging." + m.group(1) + "." + m.group(2);
        String topic = resolved(channel + ".topic");
        topics.add(topic == null ? m.group(2) : topic);
        if ("dead-letter-queue".equals(resolved(channel + ".failure-strategy"))) {
          String dlq = resolved(channel + ".dead-letter-queue.topic");
          topics.add(dlq == null ? "dead-letter-topic-" + m.group(2) : dlq);
        }
      } else if (key.startsWith("topics.")) {
        topics.add(resolved(key));
      }
    }
    return topics;
  }

  private String expand(String value, Deque<String> resolving) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("${", i)) {
        int close = closingBrace(value, i);
        String inner = value.substring(i + 2, close);
        int colon = topLevelColon(inner);
        String name = colon < 0 ? inner : inner.substring(0, colon);
        String fallback = colon < 0 ? null : inner.substring(colon + 1);
        out.append(lookup(name, fallback, resolving));
        i = close + 1;
      } else {
        out.append(value.charAt(i++));
      }
    }
    return out.toString();
  }

  /** An environment variable is unset here; a property key is looked up in this file. */
  private String lookup(String name, String fallback, Deque<String> resolving) {
    boolean env = name.matches("[A-Z][A-Z0-9_]*");
    if (!env && values.containsKey(name)) {
      if (resolving.contains(name)) {
        throw new IllegalStateException(file + ": ${" + name + "} refers to itself");
      }
      resolving.push(name);
      try {
        return expand(values.get(name), resolving);
      } finally {
        resolving.pop();
      }
    }
    if (fallback == null) {
      throw new IllegalStateException(file + ": ${" + name + "} has no value without the"
          + " environment");
    }
    return expand(fallback, resolving);
  }

  private int closingBrace(String value, int open) {
    int depth = 0;
    for (int j = open; j < value.length(); j++) {
      if (value.startsWith("${", j)) {
        depth++;
        j++;
      } else if (value.charAt(j) == '}' && --depth == 0) {
        return j;
      }
    }
    throw new IllegalStateException(file + ": unclosed ${ in '" + value + "'");
  }

  /** The first colon of {@code inner} outside a nested expression, or -1. */
  private static int topLevelColon(String inner) {
    int depth = 0;
    for (int j = 0; j < inner.length(); j++) {
      char c = inner.charAt(j);
      if (inner.startsWith("${", j)) {
        depth++;
        j++;
      } else if (c == '}') {
        depth--;
      } else if (c == ':' && depth == 0) {
        return j;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
