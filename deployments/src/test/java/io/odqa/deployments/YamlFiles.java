package io.odqa.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the descriptors: YAML files of one or more documents, and the addresses in them. */
final class YamlFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private YamlFiles() {}

  /** The folder {@code deployments/<sub>} of the repository. */
  static Path deployments(String sub) {
    return AppProperties.repoRoot().resolve("deployments").resolve(sub);
  }

  /** The one document of {@code file}. */
  static JsonNode readOne(Path file) {
    List<JsonNode> docs = readAll(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + " holds " + docs.size() + " documents, not 1");
    }
    return docs.get(0);
  }

  /** Every non-empty document of {@code file}, in order; fails on a parse error. */
  static List<JsonNode> readAll(Path file) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + " does not parse as YAML: " + e.getMessage(), e);
    }
    return docs;
  }

  /** A host and port, from {@code scheme://host:port/path} or {@code host:port}. */
  record Address(String host, int port) {
    static Address parse(String value) {
      String v = value.strip();
      if (v.contains("://")) {
        URI uri = URI.create(v);
        if (uri.getHost() == null || uri.getPort() < 0) {
          throw new IllegalArgumentException("'" + value + "' names no host and port");
        }
        return new Address(uri.getHost(), uri.getPort());
      }
      int colon = v.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("'" + value + "' is not host:port");
      }
      return new Address(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
