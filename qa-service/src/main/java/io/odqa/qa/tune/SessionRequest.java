package io.odqa.qa.tune;

import java.util.List;

/**
 * Body of {@code POST /api/v1/eval/sessions}; checked by {@link SessionRequests#check}.
 *
 * @param collection collection to answer from; {@code default} when absent
 * @param questions 1 to 20,000 questions with unique ids
 * @param modelDir absolute path of a reader model directory that the session loads and reads
 *     with; absent: the session reads with the live model
 * @param graphModelDir absolute path of a graph model directory ({@code paths.json} and
 *     {@code ranker.json}) that the session's graph stage uses; absent: the live graph model
 */
public record SessionRequest(String collection, List<EvalQuestion> questions, String modelDir,
    String graphModelDir) {}
