/**
 * The question-answering pipeline: it runs the stages in order on one config snapshot and
 * times each stage, so that a slow or wrong answer can be traced to the stage responsible.
 */
package io.odqa.qa.pipeline;
