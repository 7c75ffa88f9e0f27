/**
 * Evaluation from the command line, run as plain Java against a running QA service (no Quarkus,
 * no CDI): {@link io.odqa.qa.eval.QaEval} scores open-domain QA (retrieval recall, reader and
 * end-to-end SQuAD EM/F1, latency) over {@code /api/v1/ask} and {@code /api/v1/read};
 * {@link io.odqa.qa.eval.RetrievalEval} scores BEIR-style retrieval (nDCG@10, Recall@100,
 * MRR@10) over {@code /api/v1/retrieve}; {@link io.odqa.qa.eval.RegressionCheck} compares their
 * {@code --json} line with the expected metrics and tolerances versioned in
 * {@code regression/*.yaml}. The formulas live in {@link io.odqa.qa.eval.Metrics} as pure
 * functions so that they are unit-tested on tiny fixtures.
 */
package io.odqa.qa.eval;
