/**
 * The feedback-loop commands of {@code ./odqa}: replaying feedback events onto Kafka,
 * simulating users who ask and judge, driving retune and refresh jobs of the feedback service,
 * and showing or rolling back what is served. Each command is a thin picocli front over a
 * small client; they talk only to services on this machine (loopback) and to Kafka.
 */
package io.odqa.cli;
