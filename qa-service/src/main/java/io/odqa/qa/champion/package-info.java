/**
 * The champions in force, config and reader model, and how they change: promotions arrive on the
 * config and models topics (published by the feedback service's gate), rollbacks are published
 * by this service to the same topics, and every replica applies what it reads, in order. The
 * topics are the record: a replica that restarts reads them from the start and ends on the
 * current champions.
 */
package io.odqa.qa.champion;
