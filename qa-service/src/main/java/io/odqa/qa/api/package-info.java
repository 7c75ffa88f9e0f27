/** The question endpoint and the config view: thin resources over the pipeline. */
package io.odqa.qa.api;
