package io.odqa.ingest.source;

import io.odqa.kg.write.Fact;
import java.util.List;

/**
 * The valid triples of one request and the lines that were not.
 *
 * @param facts valid triples, in request order
 * @param errors rejected lines, in request order
 */
public record ParsedTriples(List<Fact> facts, List<ItemError> errors) {}
