/**
 * Domain records that cross module boundaries. Each record validates its own invariants in its
 * compact constructor, so an instance that exists is well formed.
 */
package io.odqa.core.model;
