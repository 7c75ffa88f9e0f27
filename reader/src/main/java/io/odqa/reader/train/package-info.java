/**
 * Fine-tuning the span reader through DJL (PyTorch engine, CPU or CUDA): SQuAD-format data is
 * tokenised once ({@link io.odqa.reader.train.TokenizedSet}, portable without the tokenizer),
 * cut into labelled windows ({@link io.odqa.reader.train.Features}), and trained with start/end
 * cross-entropy, AdamW with linear warm-up and decay, and global-norm gradient clipping
 * ({@link io.odqa.reader.train.ReaderTrainer}), on every parameter or, for a cheap refresh, only
 * on the top encoder layers and the span head. Runs are seeded and checkpointed so that a
 * resumed run ends with the same weights as an uninterrupted one.
 */
package io.odqa.reader.train;
