/**
 * Question analysis and passage retrieval: the question is analysed with the index's own
 * analyzer and matched with BM25 against a collection's Lucene index. User text never reaches
 * a query parser, so query syntax in a question can neither fail nor inject.
 */
package io.odqa.qa.retrieve;
