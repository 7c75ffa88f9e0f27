/**
 * What every ODQA Quarkus service shares, in one place: the one Neo4j {@code GraphClient} of a
 * service and its readiness check ({@code odqa.neo4j.*}), and the mappers that turn validation
 * and framework errors into {@code application/problem+json}. A service adds mappers only for
 * its own exceptions.
 */
package io.odqa.service;
