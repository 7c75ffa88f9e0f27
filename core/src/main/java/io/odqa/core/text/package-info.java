/**
 * Text utilities: turning a document into passages whose character offsets slice back to the
 * exact passage text.
 */
package io.odqa.core.text;
