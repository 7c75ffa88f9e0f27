/**
 * What every ODQA Quarkus service shares, in one place: the one Neo4j {@code GraphClient} of a
 * service and its readiness check ({@code odqa.neo4j.*}), and the mappers that turn validation
 * and framework errors into {@code application/problem+json}, {@link io.odqa.service.KeyedSend}
 * (a keyed Kafka send that completes on the broker's ack), and {@link
 * io.odqa.service.CompactedTopics} (the champion topics kept compacted). A service adds mappers
 * only for its own exceptions.
 */
package io.odqa.service;
