/**
 * Entity resolution: every surface form of an entity maps to one normalised key, so "Apple
 * Inc." and "Apple" become one {@code (:Entity)} node whose aliases keep both names.
 */
package io.odqa.kg.resolve;
