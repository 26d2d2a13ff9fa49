package org.rnn4j.onnx.proto;

/** ONNX's TensorProto.DataType numbers that rnn4j reads, with their byte sizes. */
public final class DataType {
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int STRING = 8;
    public static final int BOOL = 9;
    public static final int DOUBLE = 11;

    private DataType() {}

    /** Bytes per element, or 0 for a type rnn4j does not hold (strings, 16-bit and 4-bit floats, complex). */
    public static int size(int type) {
        return switch (type) {
            case FLOAT, INT32 -> 4;
            case INT64, DOUBLE -> 8;
            case UINT8, INT8, BOOL -> 1;
            default -> 0;
        };
    }

    public static String name(int type) {
        return switch (type) {
            case FLOAT -> "FLOAT";
            case UINT8 -> "UINT8";
            case INT8 -> "INT8";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case STRING -> "STRING";
            case BOOL -> "BOOL";
            case DOUBLE -> "DOUBLE";
            case 10 -> "FLOAT16";
            case 16 -> "BFLOAT16";
            default -> "type " + type;
        };
    }
}
