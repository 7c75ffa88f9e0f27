package io.odqa.deployments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.deployments.YamlFiles.Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code deployments/compose/compose.yaml} without Docker: every service has an image, a
 * health check and dependencies that wait for health; each ODQA service (image {@code
 * odqa/<module>:...}) gets only environment variables that its module's application.properties
 * reads, listens where that file's {@code quarkus.http.port} default says, and reaches Kafka,
 * Neo4j and the other services at addresses and ports that exist in the file. Also checks the
 * Dockerfile that builds those images.
 */
class ComposeFileTest {
  private static final Path COMPOSE = YamlFiles.deployments("compose").resolve("compose.yaml");
  private static final Pattern ODQA_IMAGE =
      Pattern.compile("odqa/([a-z][a-z0-9-]*):\\$\\{ODQA_VERSION:-0\\.1\\.0}");
  private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");

  private static JsonNode compose;
  /** Every service by name. */
  private static Map<String, JsonNode> services;
  /** The ODQA services by name, with their module's application.properties. */
  private static Map<String, AppProperties> odqa;

  @BeforeAll
  static void load() {
    compose = YamlFiles.readOne(COMPOSE);
    services = new LinkedHashMap<>();
    compose.path("services").fields()
        .forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
    odqa = new LinkedHashMap<>();
    services.forEach((name, service) -> {
      String image = service.path("image").asText("");
      if (image.startsWith("odqa/")) {
        Matcher m = ODQA_IMAGE.matcher(image);
        assertTrue(m.matches(), "service " + name + ": image '" + image
            + "' should be odqa/<module>:${ODQA_VERSION:-0.1.0}");
        assertTrue(AppProperties.exists(m.group(1)), "service " + name + ": image '" + image
            + "' names no module with src/main/resources/application.properties");
        odqa.put(name, AppProperties.of(m.group(1)));
      }
    });
  }

  @Test
  void theWholeStackIsThere() {
    assertEquals(Set.of("kafka", "neo4j", "ingest", "qa-service-1", "qa-service-2", "feedback",
        "console"), services.keySet(), "services of " + COMPOSE);
    assertEquals("apache/kafka:4.1.1", services.get("kafka").path("image").asText());
    assertEquals("neo4j:5.26", services.get("neo4j").path("image").asText());
    assertEquals(Set.of("ingest", "qa-service", "feedback", "console"),
        new TreeSet<>(odqa.values().stream().map(AppProperties::module).toList()),
        "modules behind the odqa/* images");
    assertEquals("qa-service", odqa.get("qa-service-2").module());
  }

  @Test
  void kafkaRunsInKraftCombinedMode() {
    Map<String, String> env = environment("kafka");
    assertEquals(Set.of("broker", "controller"),
        Set.of(env.getOrDefault("KAFKA_PROCESS_ROLES", "").split(",")),
        "kafka: KAFKA_PROCESS_ROLES should make one node both broker and controller");
    String voters = env.getOrDefault("KAFKA_CONTROLLER_QUORUM_VOTERS", "");
    assertTrue(voters.startsWith(env.get("KAFKA_NODE_ID") + "@kafka:"),
        "kafka: the quorum should be this node (KAFKA_NODE_ID), not '" + voters + "'");
  }

  @Test
  void everyServiceHasAnImageAndAHealthCheck() {
    services.forEach((name, service) -> {
      assertFalse(service.path("image").asText("").isBlank(), "service " + name + " has no image");
      JsonNode health = service.path("healthcheck");
      assertTrue(health.isObject(), "service " + name + " has no healthcheck");
      assertFalse(health.path("disable").asBoolean(false),
          "service " + name + ": healthcheck is disabled");
      assertFalse(testOf(name).isBlank(), "service " + name + ": healthcheck has no test");
    });
  }

  @Test
  void dependenciesWaitUntilHealthy() {
    services.forEach((name, service) -> {
      JsonNode deps = service.path("depends_on");
      if (deps.isMissingNode()) {
        return;
      }
      assertTrue(deps.isObject(), "service " + name + ": depends_on should be a mapping with"
          + " condition: service_healthy (a list only waits for the start)");
      deps.fields().forEachRemaining(d -> {
        assertTrue(services.containsKey(d.getKey()),
            "service " + name + " depends on '" + d.getKey() + "', which is no service");
        assertEquals("service_healthy", d.getValue().path("condition").asText(null),
            "service " + name + ": the condition of its dependency on " + d.getKey());
      });
    });
    for (String name : odqa.keySet()) {
      assertTrue(services.get(name).path("depends_on").isObject(),
          "ODQA service " + name + " depends on nothing");
    }
  }

  @Test
  void environmentVariablesAreOnesTheServiceReads() {
    odqa.forEach((name, props) -> {
      Set<String> unknown = new TreeSet<>(environment(name).keySet());
      unknown.removeAll(props.allowedEnvNames());
      assertTrue(unknown.isEmpty(), "service " + name + " sets " + unknown + ", which "
          + props.file() + " does not read; it reads " + props.envNames());
    });
  }

  @Test
  void addressesOfOtherContainersAndPasswordsAreSet() {
    odqa.forEach((name, props) -> {
      Map<String, String> env = environment(name);
      for (String required : props.requiredInContainer()) {
        assertTrue(env.containsKey(required), "service " + name + " should set " + required
            + ": its default in " + props.file() + " only works on one machine");
        if (required.contains("PASSWORD")) {
          assertTrue(env.get(required).startsWith("${"), "service " + name + ": " + required
              + " should come from the environment (.env), not be written in the file");
        }
      }
    });
  }

  @Test
  void containerPortsAndHealthChecksUseTheServicesHttpPort() {
    odqa.forEach((name, props) -> {
      int port = props.httpPort();
      String test = testOf(name);
      assertTrue(test.contains("localhost:" + port + "/q/health/ready"), "service " + name
          + ": healthcheck should GET localhost:" + port + "/q/health/ready (the"
          + " quarkus.http.port default of " + props.file() + "), not '" + test + "'");
      for (JsonNode mapping : services.get(name).path("ports")) {
        assertEquals(port, containerPort(mapping), "service " + name + ": container port of '"
            + mapping.asText() + "' should be quarkus.http.port's default in " + props.file());
      }
    });
  }

  @Test
  void addressesPointAtServicesAndTheirPorts() {
    Map<String, Set<String>> byName = namesInTheNetwork();
    odqa.forEach((name, props) -> {
      Map<String, String> env = environment(name);
      Set<String> deps = new TreeSet<>();
      services.get(name).path("depends_on").fieldNames().forEachRemaining(deps::add);
      env.forEach((variable, value) -> {
        Integer expected = switch (variable) {
          case "KAFKA_BOOTSTRAP_SERVERS" -> 9092;
          case "NEO4J_URI" -> 7687;
          default -> variable.endsWith("_URL") ? -1 : null;
        };
        if (expected == null) {
          return;
        }
        Address address = Address.parse(value);
        Set<String> targets = byName.get(address.host());
        assertNotNull(targets, "service " + name + ": " + variable + "=" + value
            + " names no service or network alias");
        for (String target : targets) {
          int port = odqa.containsKey(target) ? odqa.get(target).httpPort() : expected;
          assertEquals(port, address.port(), "service " + name + ": " + variable + "=" + value
              + " should use port " + port + " of " + target);
          assertTrue(deps.contains(target), "service " + name + " talks to " + target + " ("
              + variable + ") and should depend on it being healthy");
        }
      });
    });
  }

  @Test
  void ingestAndFeedbackShareOneDataVolumeAndQaServiceReplicatesTheIndex() {
    Map<String, String> volumeOf = new TreeMap<>();
    odqa.forEach((name, props) -> {
      String dataDir = environment(name).get("ODQA_DATA_DIR");
      if (dataDir == null) {
        return;
      }
      String volume = null;
      for (JsonNode mount : services.get(name).path("volumes")) {
        String[] parts = mount.asText().split(":");
        if (parts.length >= 2 && parts[1].equals(dataDir)) {
          volume = parts[0];
        }
      }
      if (environment(name).containsKey("ODQA_REPLICATION_SOURCE")) {
        // A replica's index is its own copy: never on a volume another container writes.
        assertEquals(null, volume, "replica " + name + " keeps its index copy in the container");
        return;
      }
      assertNotNull(volume, "service " + name + ": no volume is mounted at ODQA_DATA_DIR="
          + dataDir);
      assertTrue(compose.path("volumes").has(volume),
          "service " + name + ": '" + volume + "' should be a named volume of the file");
      volumeOf.put(name, volume);
    });
    for (String name : List.of("ingest", "feedback")) {
      assertEquals(volumeOf.get("ingest"), volumeOf.get(name), "service " + name
          + " should mount ingest's data volume at its ODQA_DATA_DIR");
    }
    for (String name : List.of("qa-service-1", "qa-service-2")) {
      assertEquals("http://ingest:8081", environment(name).get("ODQA_REPLICATION_SOURCE"),
          name + " should copy the index from ingest");
      assertTrue(services.get(name).path("volumes").toString()
              .contains(volumeOf.get("ingest") + ":/data:ro"),
          name + " should mount the data volume read-only for the models");
    }
  }

  @Test
  void consoleReadsItsUsersFromAMountedSecret() {
    String location = environment("console").get("QUARKUS_CONFIG_LOCATIONS");
    assertNotNull(location, "console: QUARKUS_CONFIG_LOCATIONS should name the users file");
    List<String> secrets = new ArrayList<>();
    services.get("console").path("secrets").forEach(s -> secrets.add(s.isTextual()
        ? s.asText() : s.path("source").asText()));
    assertTrue(secrets.stream().anyMatch(s -> location.equals("/run/secrets/" + s)),
        "console: QUARKUS_CONFIG_LOCATIONS=" + location + " is none of its secrets " + secrets);
    for (String s : secrets) {
      assertTrue(compose.path("secrets").path(s).has("file"),
          "secret " + s + " should be declared with the file it is read from");
    }
  }

  @Test
  void requiredVariablesAreInTheExampleEnvironment() throws IOException {
    Path example = COMPOSE.resolveSibling(".env.example");
    Set<String> defined = new TreeSet<>();
    for (String line : Files.readAllLines(example)) {
      if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
        defined.add(line.substring(0, line.indexOf('=')).strip());
      }
    }
    Matcher m = REQUIRED_VARIABLE.matcher(Files.readString(COMPOSE));
    while (m.find()) {
      assertTrue(defined.contains(m.group(1)),
          m.group(1) + " is required by " + COMPOSE + " but missing from " + example);
    }
  }

  @Test
  void theDockerfileBuildsAnyServiceAsANonRootUser() throws IOException {
    Path dockerfile = YamlFiles.deployments("docker").resolve("Dockerfile");
    List<String> lines = Files.readAllLines(dockerfile).stream()
        .filter(l -> !l.startsWith("#")).toList();
    assertTrue(lines.contains("FROM eclipse-temurin:17-jre"), dockerfile + ": base image");
    assertTrue(lines.contains("ARG SERVICE"), dockerfile + ": ARG SERVICE");
    assertTrue(lines.contains("EXPOSE ${PORT}"), dockerfile + ": EXPOSE ${PORT}, not a number");
    assertTrue(lines.contains("ENTRYPOINT [\"java\", \"-jar\", \"/deployments/quarkus-run.jar\"]"),
        dockerfile + ": ENTRYPOINT");
    for (String part : List.of("lib/", "app/", "quarkus/", "quarkus-run.jar")) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY ${SERVICE}/target/quarkus-app/"
          + part)), dockerfile + " should copy " + part + " of ${SERVICE}/target/quarkus-app");
    }
    String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b)
        .orElseGet(() -> fail(dockerfile + " sets no USER: the service would run as root"));
    assertFalse(Set.of("USER root", "USER 0").contains(user.strip()), dockerfile + ": " + user);
  }

  /** The environment of a service, in its mapping or its list form. */
  private static Map<String, String> environment(String service) {
    Map<String, String> env = new TreeMap<>();
    JsonNode node = services.get(service).path("environment");
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    } else {
      for (JsonNode item : node) {
        String s = item.asText();
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return env;
  }

  /** A service's healthcheck test as one string. */
  private static String testOf(String service) {
    JsonNode test = services.get(service).path("healthcheck").path("test");
    if (test.isTextual()) {
      return test.asText();
    }
    List<String> parts = new ArrayList<>();
    test.forEach(p -> parts.add(p.asText()));
    return String.join(" ", parts);
  }

  /** The container port of a ports entry: {@code [ip:][host:]container[/proto]} or long form. */
  private static int containerPort(JsonNode mapping) {
    if (mapping.isObject()) {
      return mapping.path("target").asInt();
    }
    String s = mapping.asText();
    int slash = s.indexOf('/');
    String ports = slash < 0 ? s : s.substring(0, slash);
    return Integer.parseInt(ports.substring(ports.lastIndexOf(':') + 1));
  }

  /** Each name a service is reached by inside the network (its name, its aliases). */
  private static Map<String, Set<String>> namesInTheNetwork() {
    Map<String, Set<String>> byName = new TreeMap<>();
    services.forEach((name, service) -> {
      byName.computeIfAbsent(name, k -> new TreeSet<>()).add(name);
      service.path("networks").forEach(network -> network.path("aliases").forEach(
          alias -> byName.computeIfAbsent(alias.asText(), k -> new TreeSet<>()).add(name)));
      if (service.has("hostname")) {
        byName.computeIfAbsent(service.get("hostname").asText(), k -> new TreeSet<>()).add(name);
      }
    });
    return byName;
  }
}
