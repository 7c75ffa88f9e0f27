/**
 * Open information extraction: turns a passage into {@code (head, relation, tail)} triples
 * whose argument mentions carry exact character offsets into the document text. The default
 * {@link io.odqa.ingest.extract.OpenNlpTripleExtractor} runs local OpenNLP models (sentences,
 * tokens, part-of-speech tags, chunks) and applies the syntactic and lexical constraints of
 * ReVerb (Fader, Soderland and Etzioni, 2011, "Identifying Relations for Open Information
 * Extraction", EMNLP) plus two ReVerb-inspired patterns for copulas and appositives, scoring
 * each triple with a ReVerb-style logistic confidence.
 */
package io.odqa.ingest.extract;
