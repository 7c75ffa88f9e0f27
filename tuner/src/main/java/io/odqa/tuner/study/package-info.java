/**
 * Ask/tell studies, as in Optuna's {@code Study}: {@link io.odqa.tuner.study.Study#ask()} proposes a
 * trial, the caller evaluates it wherever it likes and reports back with {@code tell} or
 * {@code tellFailed}. Every state change is written through a {@code StudyStore} before it is
 * visible, and each trial's random source is derived from the study seed and the trial number, so a
 * study reloaded from its store continues exactly as if it had never stopped.
 */
package io.odqa.tuner.study;
