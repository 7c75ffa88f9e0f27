package io.odqa.feedback.store;

import io.odqa.core.model.FeedbackEvent;

/**
 * A stored feedback event.
 *
 * @param event the event as first received
 * @param deliveries how many times the event arrived; repeats change nothing else
 * @param storedAtMillis when it was first stored, epoch milliseconds
 */
public record StoredFeedback(FeedbackEvent event, long deliveries, long storedAtMillis) {}
