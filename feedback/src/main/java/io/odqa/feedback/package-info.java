/**
 * The feedback service: users' verdicts on answers arrive over REST, travel on the feedback
 * topic, and are stored in Neo4j exactly once per event id. Retuning and model refresh, which
 * read this store, build on it.
 */
package io.odqa.feedback;
