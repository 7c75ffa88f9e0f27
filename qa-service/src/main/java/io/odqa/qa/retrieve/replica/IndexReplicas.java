package io.odqa.qa.retrieve.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.odqa.core.api.ApiKey;
import io.odqa.core.model.CollectionName;
import io.odqa.qa.QaConfig;
import io.odqa.qa.retrieve.CollectionSearchers;
import io.odqa.service.security.ClientConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.replicator.http.HttpClientBase;
import org.jboss.logging.Logger;

/**
 * Replica mode's owner: when {@code odqa.replication.source} is set, one {@link
 * CollectionReplica} per collection, polled every {@code odqa.replication.interval} on one
 * thread. Each poll lists the source's collections ({@code GET /api/v1/replication}, unless
 * {@code odqa.replication.collections} fixes them), so a new collection appears without a
 * restart, then brings each replica up to date. When the source is down, every replica keeps
 * serving the revision it holds, and the next poll tries again.
 */
@ApplicationScoped
public class IndexReplicas {
  private static final Logger LOG = Logger.getLogger(IndexReplicas.class);
  /** How long shutdown waits for a copy in progress to stop at its next file. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final Optional<ReplicaSource> source;
  private final ReplicaConfig config;
  private final Path indexRoot;
  private final Path workRoot;
  private final Optional<String> apiKey;
  private final CollectionSearchers searchers;
  private final MeterRegistry registry;
  private final ObjectMapper mapper;
  private final Map<CollectionName, CollectionReplica> replicas = new ConcurrentHashMap<>();
  private HttpClient http;
  private ScheduledExecutorService poller;
  private volatile boolean firstPollDone;
  private volatile boolean synced;
  private volatile Instant listedAt;
  private volatile String listError;

  IndexReplicas(ReplicaConfig config, QaConfig qa, CollectionSearchers searchers,
      MeterRegistry registry, ObjectMapper mapper, ClientConfig client) {
    this.config = config;
    this.source = config.source().map(String::strip).filter(s -> !s.isEmpty())
        .map(ReplicaSource::parse);
    this.indexRoot = qa.dataDir().resolve("index");
    this.workRoot = qa.dataDir().resolve("replication");
    this.apiKey = client.apiKey().map(String::strip).filter(k -> !k.isEmpty());
    this.searchers = searchers;
    this.registry = registry;
    this.mapper = mapper;
    if (config.interval().isNegative() || config.interval().isZero()) {
      throw new IllegalArgumentException(
          "odqa.replication.interval must be positive, got " + config.interval());
    }
  }

  void onStart(@Observes StartupEvent event) throws IOException {
    if (source.isEmpty()) {
      return;
    }
    http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    Set<CollectionName> initial = new LinkedHashSet<>(fixedCollections().orElse(List.of()));
    initial.addAll(localCollections());
    for (CollectionName name : initial) {
      replica(name);
    }
    LOG.infof("replica mode: copying indexes from %s every %s into %s (collections: %s)",
        source.get().listing(), config.interval(), indexRoot,
        fixedCollections().map(Object::toString).orElse("all the source lists"));
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "index-replication");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::poll, 0, config.interval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Whether this service copies its indexes from a source (else it reads a shared disk). */
  public boolean enabled() {
    return source.isPresent();
  }

  /**
   * Whether the replica can answer: replication is off; or a poll has brought every collection up
   * to date; or, with the source unreachable since start, every collection it knows holds a
   * revision from an earlier run.
   */
  public boolean ready() {
    return source.isEmpty() || synced || firstPollDone && !replicas.isEmpty()
        && replicas.values().stream().allMatch(CollectionReplica::hasRevision);
  }

  /** The state of every replica, by collection name. */
  List<CollectionReplica.State> states() {
    return replicas.values().stream().map(CollectionReplica::state)
        .sorted(Comparator.comparing(CollectionReplica.State::collection)).toList();
  }

  /** The source's base URL; empty in shared-disk mode. */
  public Optional<String> source() {
    return source.map(s -> s.listing().toString());
  }

  /** When the source last listed its collections, and the last listing's error if it failed. */
  Optional<Instant> listedAt() {
    return Optional.ofNullable(listedAt);
  }

  Optional<String> listError() {
    return Optional.ofNullable(listError);
  }

  /** One poll: list the source's collections, then update every replica; never throws. */
  void poll() {
    try {
      boolean ok = fixedCollections().isPresent() || list();
      for (CollectionReplica replica : List.copyOf(replicas.values())) {
        ok &= update(replica);
      }
      if (ok && !synced) {
        synced = true;
        LOG.infof("replica in sync with %s: %s", source.get().listing(), states().stream()
            .map(s -> s.collection() + "@" + s.version()).toList());
      }
    } catch (RuntimeException e) {
      // a bug, not an outage: say so, and keep the poller alive for the next round
      LOG.errorf(e, "index replication poll failed");
    } finally {
      firstPollDone = true;
    }
  }

  private boolean update(CollectionReplica replica) {
    CollectionReplica.State before = replica.state();
    try {
      replica.update();
      CollectionReplica.State after = replica.state();
      if (before.lastError() != null) {
        LOG.infof("replica of %s reached %s again", after.collection(), source.get().listing());
      }
      if (after.revisionsCopied() > before.revisionsCopied()) {
        LOG.infof("replica of %s: revision %s installed, %d files, %d bytes in %d ms",
            after.collection(), after.version(), after.lastCopyFiles(), after.lastCopyBytes(),
            after.lastCopyMillis());
      }
      return true;
    } catch (IOException | RuntimeException e) {
      if (before.lastError() == null) {
        LOG.warnf("replica of %s keeps revision %s: update from %s failed (retried every %s): %s",
            before.collection(), before.version(), source.get().listing(), config.interval(),
            e.toString());
      }
      return false;
    }
  }

  /** Lists the source's collections and opens a replica for each new one. */
  private boolean list() {
    HttpRequest.Builder request = HttpRequest.newBuilder(source.get().listing())
        .timeout(Duration.ofMillis(HttpClientBase.DEFAULT_SO_TIMEOUT)).GET();
    apiKey.ifPresent(key -> request.header(ApiKey.HEADER, key));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + source.get().listing() + " answered "
            + response.statusCode());
      }
      for (JsonNode item : mapper.readTree(response.body())) {
        replica(new CollectionName(item.path("collection").asText()));
      }
      listedAt = Instant.now();
      listError = null;
      return true;
    } catch (IOException | IllegalArgumentException e) {
      if (listError == null) {
        LOG.warnf("listing the collections of %s failed (retried every %s): %s",
            source.get().listing(), config.interval(), e.toString());
      }
      listError = e.toString();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      listError = "interrupted";
      return false;
    }
  }

  private void replica(CollectionName name) {
    replicas.computeIfAbsent(name, n -> {
      try {
        CollectionReplica replica = CollectionReplica.open(n, indexRoot.resolve(n.value()),
            workRoot.resolve(n.value()), source.get(),
            ApiKeyConnections.create(source.get(), apiKey, config.connectTimeout()), () -> {
              searchers.reopen(n);
              return true;
            });
        register(n, replica);
        return replica;
      } catch (IOException e) {
        throw new IllegalStateException("cannot open the replica of collection " + n + " in "
            + indexRoot.resolve(n.value()) + ": " + e, e);
      }
    });
  }

  private void register(CollectionName name, CollectionReplica replica) {
    Tags tags = Tags.of("collection", name.value());
    Gauge.builder("odqa.replica.generation", replica, r -> r.state().generation()).tags(tags)
        .description("commit generation of the revision this replica holds (-1: none)")
        .register(registry);
    Gauge.builder("odqa.replica.staleness", replica, r -> r.state().staleness(Instant.now())
            .map(d -> d.toMillis() / 1000.0).orElse(Double.NaN)).tags(tags).baseUnit("seconds")
        .description("time since the replica last confirmed it held the source's newest revision")
        .register(registry);
    FunctionCounter.builder("odqa.replica.copied", replica, r -> r.state().bytesCopied())
        .tags(tags).baseUnit("bytes").description("bytes of index files copied from the source")
        .register(registry);
    FunctionCounter.builder("odqa.replica.failures", replica, r -> r.state().failures())
        .tags(tags).description("updates from the source that failed").register(registry);
  }

  private Optional<List<CollectionName>> fixedCollections() {
    return config.collections().filter(l -> !l.isEmpty()).map(names -> {
      List<CollectionName> out = new ArrayList<>();
      for (String name : names) {
        try {
          out.add(new CollectionName(name.strip()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("odqa.replication.collections: " + e.getMessage(), e);
        }
      }
      return out;
    });
  }

  /** Collections copied by an earlier run: the replica resumes from what it holds. */
  private List<CollectionName> localCollections() throws IOException {
    if (!Files.isDirectory(indexRoot) || fixedCollections().isPresent()) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(indexRoot)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
          .flatMap(n -> {
            try {
              return Stream.of(new CollectionName(n));
            } catch (IllegalArgumentException e) {
              return Stream.empty();
            }
          }).toList();
    }
  }

  @PreDestroy
  void close() {
    if (poller == null) {
      return;
    }
    poller.shutdown();
    replicas.values().forEach(CollectionReplica::abort);
    try {
      if (!poller.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        poller.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    replicas.forEach((name, replica) -> {
      try {
        replica.close();
      } catch (IOException e) {
        LOG.warnf(e, "closing the replica of collection %s failed", name);
      }
    });
    replicas.clear();
  }
}
