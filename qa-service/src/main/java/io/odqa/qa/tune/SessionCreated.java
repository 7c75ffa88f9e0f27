package io.odqa.qa.tune;

/**
 * Answer to {@code POST /api/v1/eval/sessions}.
 *
 * @param id the session id, for the other calls
 * @param n number of questions in the session
 */
public record SessionCreated(String id, int n) {}
