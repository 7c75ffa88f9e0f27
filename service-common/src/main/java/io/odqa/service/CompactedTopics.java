package io.odqa.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The champion topics (pipeline configs on {@code odqa.config}, reader models on {@code
 * odqa.models}) are the platform's record of what is served: qa-service reads them from the
 * start whenever it starts. Under the broker's default delete policy they would be emptied after
 * the retention time (7 days by default) and a restarted qa-service would come back on its
 * defaults. So every service that writes them makes sure, at startup, that they exist with
 * {@code cleanup.policy=compact}: created so, or switched to it. Records are keyed by version,
 * so compaction keeps one record per version, the latest one, in the order they were last
 * promoted.
 */
@ApplicationScoped
public class CompactedTopics {
  private static final Logger LOG = Logger.getLogger(CompactedTopics.class);
  private static final long TIMEOUT_SECONDS = 15;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  Optional<String> bootstrap;

  @ConfigProperty(name = "mp.messaging.outgoing.config-out.topic")
  Optional<String> configTopic;

  @ConfigProperty(name = "mp.messaging.outgoing.models-out.topic")
  Optional<String> modelsTopic;

  void onStart(@Observes StartupEvent event) {
    List<String> topics = new ArrayList<>();
    configTopic.ifPresent(topics::add);
    modelsTopic.ifPresent(topics::add);
    if (topics.isEmpty() || bootstrap.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(adminProperties(bootstrap.get()))) {
      ensure(admin, topics);
      LOG.infof("champion topics %s are compacted", topics);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warnf("could not make the champion topics %s compacted (%s); with the broker's delete"
          + " policy they lose their records after its retention time", topics, causes(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The admin client's settings: {@code bootstrap}, and requests that give up in 15 s. */
  static Properties adminProperties(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // The admin client refuses to start when an explicit default.api.timeout.ms is below
    // request.timeout.ms (30 s by default), so both are set.
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    return p;
  }

  private static String causes(Throwable e) {
    StringBuilder b = new StringBuilder(e.toString());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      b.append(" <- ").append(c);
    }
    return b.toString();
  }

  /**
   * Creates each of {@code topics} with {@code cleanup.policy=compact} (one partition, so that
   * promotions keep their order), or sets that policy on one that exists.
   */
  public static void ensure(Admin admin, Collection<String> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
        TopicConfig.CLEANUP_POLICY_COMPACT);
    for (String topic : topics) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
            .configs(compact))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET))))
            .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    }
  }
}
