/**
 * The question endpoints (ask, explain), the stage and source-passage lookups and the config
 * view: thin resources over the pipeline.
 */
package io.odqa.qa.api;
