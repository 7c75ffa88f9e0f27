/**
 * What samplers, studies and stores share: the immutable {@link io.odqa.tuner.trial.Trial} record,
 * its {@link io.odqa.tuner.trial.TrialState}, the optimisation
 * {@link io.odqa.tuner.trial.Direction}, and {@link io.odqa.tuner.trial.TrialRandom}, which derives
 * each trial's random source from the study seed and the trial number so that a resumed study draws
 * exactly what an uninterrupted one would.
 */
package io.odqa.tuner.trial;
