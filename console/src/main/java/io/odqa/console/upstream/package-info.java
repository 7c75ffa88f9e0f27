/**
 * The services behind the console, and the one way the console talks to them: a request is
 * forwarded and the service's status and JSON body come back unchanged, so the service's own
 * validation and problem bodies reach the operator as they are.
 */
package io.odqa.console.upstream;
