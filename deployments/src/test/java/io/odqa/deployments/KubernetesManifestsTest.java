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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the Kustomize base {@code deployments/k8s} without a cluster: every listed file exists
 * and parses; each Deployment (image {@code odqa/<module>:...}) listens, and is probed on
 * {@code /q/health/ready} and {@code /q/health/live}, at its module's {@code quarkus.http.port}
 * default, gets only environment variables its application.properties reads, from ConfigMaps of
 * the base and Secrets that are not in it; Services, the PodDisruptionBudget and the
 * HorizontalPodAutoscaler point at what exists; the KafkaTopics are exactly the topics the
 * services name, the champion topics compacted.
 */
class KubernetesManifestsTest {
  private static final Path DIR = YamlFiles.deployments("k8s");
  private static final List<String> MODULES = List.of("ingest", "qa-service", "feedback",
      "console");

  private static JsonNode kustomization;
  /** Every document of every resource file, in order. */
  private static List<JsonNode> docs;
  private static Map<String, JsonNode> deployments;
  private static Map<String, AppProperties> moduleOf;
  private static String readme;

  @BeforeAll
  static void load() throws IOException {
    kustomization = YamlFiles.readOne(DIR.resolve("kustomization.yaml"));
    readme = Files.readString(DIR.resolve("README.md"));
    docs = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path file = DIR.resolve(resource.asText());
      assertTrue(Files.isRegularFile(file), "kustomization.yaml lists " + resource.asText()
          + ", which is not a file of " + DIR);
      for (JsonNode doc : YamlFiles.readAll(file)) {
        for (String field : List.of("apiVersion", "kind")) {
          assertFalse(doc.path(field).asText("").isBlank(), file + ": a document without "
              + field);
        }
        assertFalse(name(doc).isBlank(), file + ": a " + doc.path("kind").asText()
            + " without metadata.name");
        docs.add(doc);
      }
    }
    deployments = new LinkedHashMap<>();
    moduleOf = new LinkedHashMap<>();
    for (JsonNode d : ofKind("Deployment")) {
      deployments.put(name(d), d);
      String image = container(d).path("image").asText();
      String module = image.startsWith("odqa/") ? image.substring(5, image.indexOf(':')) : "";
      assertTrue(AppProperties.exists(module), "Deployment " + name(d) + ": image '" + image
          + "' should be odqa/<module>:<tag> of a module with an application.properties");
      moduleOf.put(name(d), AppProperties.of(module));
    }
  }

  @Test
  void everyManifestOfTheFolderIsInTheBase() throws IOException {
    Set<String> listed = new TreeSet<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        String n = f.getFileName().toString();
        if (!n.equals("kustomization.yaml") && !n.equals("neo4j-values.yaml")) {
          assertTrue(listed.contains(n), n + " is not a resource of kustomization.yaml");
        }
      }
    }
    assertFalse(listed.contains("neo4j-values.yaml"),
        "neo4j-values.yaml is Helm values, not a manifest");
    assertEquals("odqa", kustomization.path("namespace").asText(), "the base's namespace");
  }

  @Test
  void everyServiceHasADeployment() {
    assertEquals(Set.copyOf(MODULES), new TreeSet<>(moduleOf.values().stream()
        .map(AppProperties::module).toList()), "modules with a Deployment");
    Set<String> imageNames = new TreeSet<>();
    kustomization.path("images").forEach(i -> imageNames.add(i.path("name").asText()));
    deployments.forEach((name, d) -> {
      String image = container(d).path("image").asText();
      assertTrue(imageNames.contains(image.substring(0, image.indexOf(':'))),
          "Deployment " + name + ": kustomization.yaml's images should set the tag of " + image);
    });
  }

  @Test
  void noSecretIsInTheBase() {
    for (JsonNode doc : docs) {
      assertFalse(doc.path("kind").asText().equals("Secret"), "Secret " + name(doc)
          + " is in the base: secrets are created apart (README.md), never committed");
    }
    assertFalse(kustomization.has("secretGenerator"), "kustomization.yaml has a"
        + " secretGenerator: secrets are created apart (README.md)");
  }

  @Test
  void portsAndProbesUseTheServicesHttpPort() {
    deployments.forEach((name, d) -> {
      AppProperties props = moduleOf.get(name);
      JsonNode c = container(d);
      int port = props.httpPort();
      List<Integer> ports = new ArrayList<>();
      c.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
      assertEquals(List.of(port), ports, "Deployment " + name + ": container ports should be"
          + " the quarkus.http.port default of " + props.file());
      for (String[] probe : new String[][] {{"readinessProbe", "/q/health/ready"},
          {"livenessProbe", "/q/health/live"}}) {
        JsonNode get = c.path(probe[0]).path("httpGet");
        assertEquals(probe[1], get.path("path").asText(null),
            "Deployment " + name + ": " + probe[0] + " path");
        assertEquals(port, portOf(c, get.path("port")),
            "Deployment " + name + ": " + probe[0] + " port");
      }
    });
  }

  @Test
  void everyContainerHasRequestsAndLimits() {
    deployments.forEach((name, d) -> {
      for (String bound : List.of("requests", "limits")) {
        for (String resource : List.of("cpu", "memory")) {
          assertFalse(container(d).path("resources").path(bound).path(resource).asText("")
              .isBlank(), "Deployment " + name + " sets no " + resource + " " + bound);
        }
      }
    });
  }

  @Test
  void environmentVariablesAreOnesTheServiceReads() {
    deployments.forEach((name, d) -> {
      AppProperties props = moduleOf.get(name);
      Set<String> unknown = new TreeSet<>(env(d).keySet());
      unknown.removeAll(props.allowedEnvNames());
      assertTrue(unknown.isEmpty(), "Deployment " + name + " sets " + unknown + ", which "
          + props.file() + " does not read; it reads " + props.envNames());
    });
  }

  @Test
  void valuesComeFromTheConfigMapAndSecretsByName() {
    Map<String, JsonNode> configMaps = byName("ConfigMap");
    deployments.forEach((name, d) -> env(d).forEach((variable, entry) -> {
      JsonNode from = entry.path("valueFrom");
      if (from.has("configMapKeyRef")) {
        JsonNode ref = from.get("configMapKeyRef");
        JsonNode map = configMaps.get(ref.path("name").asText());
        assertNotNull(map, "Deployment " + name + ": " + variable + " reads ConfigMap "
            + ref.path("name").asText() + ", which is not in the base");
        assertTrue(map.path("data").has(ref.path("key").asText()), "Deployment " + name + ": "
            + variable + " reads key " + ref.path("key").asText() + ", which ConfigMap "
            + name(map) + " lacks");
      } else if (from.has("secretKeyRef")) {
        String secret = from.get("secretKeyRef").path("name").asText();
        assertTrue(readme.contains("name: " + secret), "Deployment " + name + ": " + variable
            + " reads Secret " + secret + ", which README.md does not show how to create");
      } else {
        assertTrue(entry.has("value"), "Deployment " + name + ": " + variable + " has no value");
      }
    }));
  }

  @Test
  void addressesOfOtherPodsAndPasswordsAreSet() {
    deployments.forEach((name, d) -> {
      Map<String, JsonNode> env = env(d);
      for (String required : moduleOf.get(name).requiredInContainer()) {
        assertTrue(env.containsKey(required), "Deployment " + name + " should set " + required
            + ": its default in " + moduleOf.get(name).file() + " only works on one machine");
        if (required.contains("PASSWORD")) {
          assertTrue(env.get(required).path("valueFrom").has("secretKeyRef"),
              "Deployment " + name + ": " + required + " should come from a Secret");
        }
      }
    });
  }

  @Test
  void addressesPointAtServicesAndTheirPorts() {
    JsonNode kafka = one("Kafka");
    Set<Integer> listenerPorts = new TreeSet<>();
    kafka.path("spec").path("kafka").path("listeners")
        .forEach(l -> listenerPorts.add(l.path("port").asInt()));
    Map<String, JsonNode> services = byName("Service");
    deployments.forEach((name, d) -> env(d).forEach((variable, entry) -> {
      if (entry.path("valueFrom").has("secretKeyRef")) {
        return;
      }
      String value = valueOf(entry);
      if (variable.equals("KAFKA_BOOTSTRAP_SERVERS")) {
        Address a = Address.parse(value);
        assertEquals(name(kafka) + "-kafka-bootstrap", a.host(), "Deployment " + name
            + ": KAFKA_BOOTSTRAP_SERVERS should be Strimzi's bootstrap Service of Kafka "
            + name(kafka));
        assertTrue(listenerPorts.contains(a.port()), "Deployment " + name + ": "
            + value + " is no listener port of Kafka " + name(kafka) + ": " + listenerPorts);
      } else if (variable.equals("NEO4J_URI")) {
        Address a = Address.parse(value);
        assertEquals(7687, a.port(), "Deployment " + name + ": NEO4J_URI's Bolt port");
        assertTrue(readme.contains("helm install " + a.host() + " neo4j/neo4j"),
            "Deployment " + name + ": NEO4J_URI names " + a.host() + ", which should be the"
                + " Neo4j Helm release of README.md");
      } else if (variable.endsWith("_URL")) {
        Address a = Address.parse(value);
        JsonNode service = services.get(a.host());
        assertNotNull(service, "Deployment " + name + ": " + variable + "=" + value
            + " names no Service of the base");
        JsonNode port = null;
        for (JsonNode p : service.path("spec").path("ports")) {
          if (p.path("port").asInt() == a.port()) {
            port = p;
          }
        }
        assertNotNull(port, "Deployment " + name + ": " + variable + "=" + value
            + ": Service " + a.host() + " has no port " + a.port());
        for (JsonNode target : selected(service)) {
          int targetPort = portOf(container(target), port.path("targetPort").isMissingNode()
              ? port.path("port") : port.path("targetPort"));
          assertEquals(moduleOf.get(name(target)).httpPort(), targetPort, "Deployment " + name
              + ": " + variable + " reaches Deployment " + name(target) + " on port "
              + targetPort);
        }
      }
    }));
  }

  @Test
  void servicesSelectPodsAndTheirPorts() {
    for (JsonNode service : ofKind("Service")) {
      List<JsonNode> targets = selected(service);
      assertFalse(targets.isEmpty(), "Service " + name(service) + " selects no Deployment's"
          + " pods: " + service.path("spec").path("selector"));
      for (JsonNode target : targets) {
        for (JsonNode p : service.path("spec").path("ports")) {
          JsonNode tp = p.has("targetPort") ? p.get("targetPort") : p.get("port");
          assertEquals(moduleOf.get(name(target)).httpPort(), portOf(container(target), tp),
              "Service " + name(service) + ": targetPort " + tp.asText() + " in Deployment "
                  + name(target));
        }
      }
    }
    for (JsonNode d : deployments.values()) {
      JsonNode selector = d.path("spec").path("selector").path("matchLabels");
      assertTrue(carries(d, selector), "Deployment " + name(d) + ": its selector " + selector
          + " does not match its own pod template");
    }
  }

  @Test
  void serviceLinksDoNotOverrideTheServicesVariables() {
    Set<String> links = new TreeSet<>();
    for (JsonNode service : ofKind("Service")) {
      String prefix = name(service).toUpperCase().replace('-', '_');
      links.add(prefix + "_PORT");
      links.add(prefix + "_SERVICE_HOST");
      links.add(prefix + "_SERVICE_PORT");
    }
    deployments.forEach((name, d) -> {
      Set<String> clash = new TreeSet<>(moduleOf.get(name).envNames());
      clash.retainAll(links);
      if (!clash.isEmpty()) {
        assertFalse(d.path("spec").path("template").path("spec").path("enableServiceLinks")
            .asBoolean(true), "Deployment " + name + ": Kubernetes would set " + clash
            + " (tcp://...) from Service names, which " + moduleOf.get(name).file()
            + " reads; set enableServiceLinks: false");
      }
    });
  }

  @Test
  void theAutoscalerAndDisruptionBudgetTargetQaService() {
    JsonNode hpa = one("HorizontalPodAutoscaler");
    assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
    JsonNode ref = hpa.path("spec").path("scaleTargetRef");
    assertEquals("Deployment", ref.path("kind").asText(), "HPA target kind");
    JsonNode target = deployments.get(ref.path("name").asText());
    assertNotNull(target, "HPA " + name(hpa) + " scales " + ref.path("name").asText()
        + ", which is no Deployment of the base");
    assertEquals("qa-service", moduleOf.get(name(target)).module(), "HPA target's module");
    assertEquals("cpu", hpa.path("spec").path("metrics").path(0).path("resource").path("name")
        .asText(), "HPA metric");
    assertFalse(container(target).path("resources").path("requests").path("cpu").asText("")
        .isBlank(), "Deployment " + name(target) + " needs a CPU request for CPU utilisation");
    int min = hpa.path("spec").path("minReplicas").asInt(1);
    assertTrue(min <= hpa.path("spec").path("maxReplicas").asInt(), "HPA min above max");

    JsonNode pdb = one("PodDisruptionBudget");
    JsonNode selector = pdb.path("spec").path("selector").path("matchLabels");
    assertTrue(carries(target, selector), "PodDisruptionBudget " + name(pdb) + " selects "
        + selector + ", not the pods of Deployment " + name(target));
    assertTrue(pdb.path("spec").path("minAvailable").asInt() < min, "PodDisruptionBudget "
        + name(pdb) + ": minAvailable should stay below the HPA's minReplicas (" + min
        + "), or no node could be drained");
  }

  @Test
  void kafkaTopicsAreTheTopicsTheServicesName() {
    Set<String> named = new TreeSet<>();
    Set<String> compacted = new TreeSet<>();
    for (String module : MODULES) {
      AppProperties props = AppProperties.of(module);
      named.addAll(props.kafkaTopics());
      // What service-common's CompactedTopics makes compacted at startup.
      for (String key : List.of("mp.messaging.outgoing.config-out.topic",
          "mp.messaging.outgoing.models-out.topic")) {
        if (props.resolved(key) != null) {
          compacted.add(props.resolved(key));
        }
      }
    }
    assertEquals(Set.of("odqa.config", "odqa.models"), compacted, "champion topics");
    Map<String, JsonNode> topics = new TreeMap<>();
    for (JsonNode t : ofKind("KafkaTopic")) {
      topics.put(t.path("spec").path("topicName").asText(name(t)), t);
    }
    assertEquals(named, topics.keySet(), "KafkaTopics against the topics of the services'"
        + " application.properties");
    topics.forEach((topic, t) -> {
      JsonNode config = t.path("spec").path("config");
      if (compacted.contains(topic)) {
        assertEquals("compact", config.path("cleanup.policy").asText(null), "KafkaTopic "
            + topic + " holds champions keyed by version: cleanup.policy compact");
        assertEquals(1, t.path("spec").path("partitions").asInt(), "KafkaTopic " + topic
            + ": one partition keeps promotions in order");
      } else {
        assertFalse(config.path("cleanup.policy").asText("delete").contains("compact"),
            "KafkaTopic " + topic + " is compacted but its records have no version key");
        assertTrue(t.path("spec").path("partitions").asInt() >= 1, topic + ": partitions");
      }
    });
  }

  @Test
  void kafkaTopicsFitTheirClusterInKraftMode() {
    JsonNode kafka = one("Kafka");
    assertEquals("enabled", kafka.path("metadata").path("annotations")
        .path("strimzi.io/node-pools").asText(), "Kafka " + name(kafka) + ": node pools");
    assertEquals("enabled", kafka.path("metadata").path("annotations")
        .path("strimzi.io/kraft").asText(), "Kafka " + name(kafka) + ": KRaft");
    int brokers = 0;
    Set<String> roles = new TreeSet<>();
    for (JsonNode pool : ofKind("KafkaNodePool")) {
      assertEquals(name(kafka), pool.path("metadata").path("labels").path("strimzi.io/cluster")
          .asText(), "KafkaNodePool " + name(pool) + ": strimzi.io/cluster");
      Set<String> poolRoles = new TreeSet<>();
      pool.path("spec").path("roles").forEach(r -> poolRoles.add(r.asText()));
      roles.addAll(poolRoles);
      if (poolRoles.contains("broker")) {
        brokers += pool.path("spec").path("replicas").asInt();
      }
    }
    assertEquals(Set.of("broker", "controller"), roles, "roles of the node pools (KRaft)");
    for (JsonNode t : ofKind("KafkaTopic")) {
      assertEquals(name(kafka), t.path("metadata").path("labels").path("strimzi.io/cluster")
          .asText(), "KafkaTopic " + name(t) + ": strimzi.io/cluster");
      int replicas = t.path("spec").path("replicas").asInt();
      assertTrue(replicas >= 1 && replicas <= brokers, "KafkaTopic " + name(t) + ": "
          + replicas + " replicas on " + brokers + " brokers");
      JsonNode isr = t.path("spec").path("config").path("min.insync.replicas");
      if (!isr.isMissingNode()) {
        assertTrue(isr.asInt() < replicas || replicas == 1, "KafkaTopic " + name(t)
            + ": min.insync.replicas " + isr.asInt() + " leaves no broker to lose");
      }
    }
  }

  @Test
  void neo4jTakesItsPasswordFromTheServicesSecret() {
    JsonNode values = YamlFiles.readOne(DIR.resolve("neo4j-values.yaml"));
    String secret = values.path("neo4j").path("passwordFromSecret").asText("");
    assertFalse(secret.isBlank(), "neo4j-values.yaml: neo4j.passwordFromSecret");
    assertFalse(values.path("neo4j").has("password"),
        "neo4j-values.yaml holds a password: use passwordFromSecret");
    assertTrue(readme.contains("NEO4J_AUTH: neo4j/"), "README.md: the Secret's NEO4J_AUTH key");
    deployments.forEach((name, d) -> {
      JsonNode entry = env(d).get("NEO4J_PASSWORD");
      assertNotNull(entry, "Deployment " + name + " sets no NEO4J_PASSWORD");
      JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
      assertEquals(secret, ref.path("name").asText(), "Deployment " + name
          + ": NEO4J_PASSWORD should come from Neo4j's Secret");
    });
  }

  private static String name(JsonNode doc) {
    return doc.path("metadata").path("name").asText("");
  }

  private static List<JsonNode> ofKind(String kind) {
    return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  private static Map<String, JsonNode> byName(String kind) {
    Map<String, JsonNode> m = new TreeMap<>();
    ofKind(kind).forEach(d -> m.put(name(d), d));
    return m;
  }

  private static JsonNode one(String kind) {
    List<JsonNode> all = ofKind(kind);
    assertEquals(1, all.size(), "number of " + kind + " resources in the base");
    return all.get(0);
  }

  /** The Deployment's one container. */
  private static JsonNode container(JsonNode deployment) {
    JsonNode containers = deployment.path("spec").path("template").path("spec")
        .path("containers");
    assertEquals(1, containers.size(), "Deployment " + name(deployment) + ": containers");
    return containers.get(0);
  }

  /** The container's environment entries by variable name. */
  private static Map<String, JsonNode> env(JsonNode deployment) {
    Map<String, JsonNode> env = new TreeMap<>();
    container(deployment).path("env").forEach(e -> env.put(e.path("name").asText(), e));
    assertTrue(container(deployment).path("envFrom").isMissingNode(), "Deployment "
        + name(deployment) + ": envFrom hides which variables it sets; name each in env");
    return env;
  }

  /** An environment entry's value: literal, or read from its ConfigMap of the base. */
  private static String valueOf(JsonNode entry) {
    if (entry.has("value")) {
      return entry.get("value").asText();
    }
    JsonNode ref = entry.path("valueFrom").path("configMapKeyRef");
    JsonNode map = byName("ConfigMap").get(ref.path("name").asText());
    assertNotNull(map, entry.path("name").asText() + ": no ConfigMap " + ref.path("name"));
    return map.path("data").path(ref.path("key").asText()).asText();
  }

  /** A port given by number or by the name of one of the container's ports. */
  private static int portOf(JsonNode container, JsonNode port) {
    if (port.isInt()) {
      return port.asInt();
    }
    for (JsonNode p : container.path("ports")) {
      if (port.asText().equals(p.path("name").asText())) {
        return p.path("containerPort").asInt();
      }
    }
    return fail("container " + container.path("name").asText() + " has no port named '"
        + port.asText() + "'");
  }

  /** The Deployments whose pod templates carry every label of the Service's selector. */
  private static List<JsonNode> selected(JsonNode service) {
    JsonNode selector = service.path("spec").path("selector");
    return deployments.values().stream().filter(d -> carries(d, selector)).toList();
  }

  private static boolean carries(JsonNode deployment, JsonNode labels) {
    if (labels.isEmpty()) {
      return false;
    }
    JsonNode podLabels = deployment.path("spec").path("template").path("metadata")
        .path("labels");
    Map<String, String> wanted = new TreeMap<>();
    labels.fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
    return wanted.entrySet().stream()
        .allMatch(e -> e.getValue().equals(podLabels.path(e.getKey()).asText(null)));
  }
}
