/**
 * What starts the loop's jobs on its own: a count of new events, a drop in rolling accuracy, and
 * a schedule. Manual starts come through the jobs API. A trigger never starts a second job of a
 * kind that is already active.
 */
package io.odqa.feedback.trigger;
