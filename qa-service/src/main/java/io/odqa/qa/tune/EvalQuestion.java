package io.odqa.qa.tune;

import java.util.List;

/**
 * One question of an evaluation set.
 *
 * @param id unique within the session, non-blank
 * @param question the question, 1 to 1,000 characters
 * @param answers the gold answers, at least one, each non-blank
 */
public record EvalQuestion(String id, String question, List<String> answers) {}
