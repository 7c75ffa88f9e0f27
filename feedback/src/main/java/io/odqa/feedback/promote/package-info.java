/**
 * The promotion gate: a candidate config or model replaces the champion only when it is better
 * on the held-out feedback by a margin and with a 95% paired-bootstrap interval above zero.
 * Every decision is stored; a promotion is published on the config or models topic.
 */
package io.odqa.feedback.promote;
