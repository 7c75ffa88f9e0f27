/**
 * Reader refresh: fine-tune the champion reader on answers confirmed by feedback, mixed with a
 * replay sample of its training split, write the result as a new version in the model registry,
 * and put it to the promotion gate.
 */
package io.odqa.feedback.refresh;
