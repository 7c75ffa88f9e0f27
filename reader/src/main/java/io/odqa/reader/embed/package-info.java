/**
 * Dense retrieval vectors: a bi-encoder (bge-small's retrieval checkpoint, run through the same
 * DJL BERT encoder as the reader) that turns passages and questions into unit vectors whose dot
 * product ranks passages for a question (Karpukhin et al., 2020; Xiao et al., 2023).
 */
package io.odqa.reader.embed;
