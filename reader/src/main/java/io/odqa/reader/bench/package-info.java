/**
 * The reader's throughput benchmark ({@code ./odqa bench reader}): windows per second of our DJL
 * reader beside a peer that runs the same weights through ONNX Runtime, as the service does with
 * {@code odqa.reader.engine=onnxruntime}. The peer is the base encoder's ONNX graph with every
 * initializer replaced by the reader's dequantised weights ({@link
 * io.odqa.reader.convert.OnnxWeightSwap}) and the span head applied in Java ({@link
 * io.odqa.reader.model.OrtSpanModel}); windows come from SQuAD-open dev questions and their gold
 * paragraphs, laid out as the service lays them out ({@link io.odqa.reader.bench.BenchWindows}),
 * and the two engines' logits and best spans are compared on every measured window ({@link
 * io.odqa.reader.bench.SpanAgreement}).
 */
package io.odqa.reader.bench;
