package io.odqa.kg.write;

import io.odqa.core.model.Checks;

/**
 * A structured triple as an operator supplies it ({@code head|relation|tail}, N-Triples).
 *
 * @param head head entity name
 * @param relation relation name
 * @param tail tail entity name or literal value
 */
public record Fact(String head, String relation, String tail) {
  public Fact {
    Checks.requireText("head", head);
    Checks.requireText("relation", relation);
    Checks.requireText("tail", tail);
  }
}
