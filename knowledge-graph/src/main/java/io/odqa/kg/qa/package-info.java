/**
 * Knowledge-graph question answering by relation paths (MetaQA style): a question such as
 * "what movies did [X] act in" is mapped to a {@link io.odqa.kg.qa.RelationPath}
 * ({@code starred_actors^-1}) that is executed from the topic entity over an in-memory
 * {@link io.odqa.kg.qa.KbGraph} keyed by {@link io.odqa.kg.resolve.EntityKey}, the same keys
 * as the Neo4j graph. Paths are learned with weak supervision: {@link io.odqa.kg.qa.PathLabeler}
 * picks the path whose answers best match the gold answers, and
 * {@link io.odqa.kg.qa.PathClassifier} learns to predict it from the masked question text.
 * The answers a path reaches are ordered by {@link io.odqa.kg.qa.AnswerRanker}, a linear score
 * over KB evidence (walks, tags naming the answer, degree) fitted on the training questions.
 */
package io.odqa.kg.qa;
