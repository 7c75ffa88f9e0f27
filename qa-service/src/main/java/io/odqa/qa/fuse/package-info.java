/**
 * Fusion: text answers from the reader and graph answers from Neo4j are merged by normalised
 * answer text (SQuAD normalisation) and scored with one tunable weight.
 */
package io.odqa.qa.fuse;
