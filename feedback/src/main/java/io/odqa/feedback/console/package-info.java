/**
 * The operator console's read side: paged and aggregated views of stored feedback, the tuner's
 * studies, the gate's decisions and the model registry, plus an operator's manual promotion.
 * Everything is paged or condensed here, on the server, so a console page stays small however
 * long the history grows.
 */
package io.odqa.feedback.console;
