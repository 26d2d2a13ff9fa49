package org.rnn4j.io;

/**
 * What a safetensors header says of one tensor.
 *
 * @param dtype the stored element type name (F32, F64, F16, BF16, I64)
 * @param shape its shape
 * @param bytes its byte length in the file
 */
public record TensorInfo(String name, String dtype, int[] shape, long bytes) {}
