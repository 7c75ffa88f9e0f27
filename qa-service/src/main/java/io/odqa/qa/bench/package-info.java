/**
 * Load benchmarks against a running QA service ({@code ./odqa bench ask}): closed-loop clients
 * on loopback, bounded in time and count, reporting latency percentiles, throughput, 503s and
 * the service's resident memory per concurrency step. Benchmarks are commands, never tests.
 */
package io.odqa.qa.bench;
