package org.rnn4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of a self-describing model file and their SHA-256, as the driver broadcasts them: an
 * executor keeps the model it loads from them under the hash ({@link ExecutorModels}), so a file
 * is loaded once per executor JVM however many tasks and jobs use it.
 */
public record ModelFile(byte[] bytes, String sha256) implements Serializable {
    public ModelFile {
        if (bytes == null) throw new IllegalArgumentException("ModelFile: bytes must not be null");
        if (sha256 == null || !sha256.equals(hash(bytes))) {
            throw new IllegalArgumentException("ModelFile: sha256 " + sha256 + " is not the bytes' " + hash(bytes));
        }
    }

    /** The file's bytes and hash. */
    public static ModelFile read(Path file) throws IOException {
        return of(Files.readAllBytes(file));
    }

    /** Writes a model to a temporary file with {@code saver} (savers write paths) and reads it back; the file is removed. */
    public static ModelFile written(ModelSaver saver) {
        try {
            Path tmp = Files.createTempFile("rnn4j-model-", ".safetensors");
            try {
                saver.save(tmp);
                return read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a model file at a path (Models.save, ForecastModelFile.save). */
    @FunctionalInterface
    public interface ModelSaver {
        void save(Path file) throws IOException;
    }

    public static ModelFile of(byte[] bytes) {
        return new ModelFile(bytes, hash(bytes));
    }

    /** The lowercase hex SHA-256 of {@code bytes}. */
    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e); // every JDK has it
        }
    }

    /** Loads the model with {@code loader} through a temporary file (loaders read paths), removed after. */
    public <M> M load(ModelLoader<M> loader) throws IOException {
        Path tmp = Files.createTempFile("rnn4j-model-", ".safetensors");
        try {
            Files.write(tmp, bytes);
            return loader.load(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String toString() {
        return "ModelFile(" + bytes.length + " bytes, sha256 " + sha256.substring(0, 12) + ")";
    }
}
