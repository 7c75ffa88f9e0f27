/** The feedback REST API: thin resources over the publisher and the store. */
package io.odqa.feedback.api;
