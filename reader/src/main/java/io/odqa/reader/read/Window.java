package io.odqa.reader.read;

/**
 * One model input: the question and a slice of one passage's tokens.
 *
 * @param passage index of the passage in the request
 * @param first index of the window's first token in the passage's tokens
 * @param length number of passage tokens in the window
 * @param contextOffset position of the window's first passage token in the input ({@code
 *     [CLS] q [SEP]} comes before it)
 */
public record Window(int passage, int first, int length, int contextOffset) {}
