/**
 * Reading: a BERT span reader (the {@code odqa-reader} library on DJL) turns the best retrieved
 * passages into answer spans with exact offsets. {@link io.odqa.qa.read.ReaderModels} owns the
 * loaded model and swaps it at run time; {@link io.odqa.qa.read.Reader} is the stage seam.
 */
package io.odqa.qa.read;
