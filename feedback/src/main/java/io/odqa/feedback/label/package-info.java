/**
 * Labelled data from feedback: users' verdicts, grouped by question, become evaluation and
 * training examples, split once and for all into a tuning part and a held-out part that only
 * the promotion gate reads.
 */
package io.odqa.feedback.label;
