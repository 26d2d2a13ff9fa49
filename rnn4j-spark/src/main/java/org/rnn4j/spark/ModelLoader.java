package org.rnn4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.rnn4j.io.Models;
import org.rnn4j.tasks.forecast.ForecastModel;
import org.rnn4j.tasks.forecast.ForecastModelFile;
import org.rnn4j.tasks.text.CharLanguageModel;

/**
 * Builds a model from its self-describing file on an executor. It travels with the tasks, so it
 * is serializable (a method reference such as {@code ForecastModelFile::load} is). Today the
 * forecast model file; a loader for any module ({@code Models::load}) plugs in the same way.
 */
@FunctionalInterface
public interface ModelLoader<M> extends Serializable {
    M load(Path file) throws IOException;

    /** Forecast models ({@link ForecastModelFile}). */
    static ModelLoader<ForecastModel> forecast() {
        return ForecastModelFile::load;
    }

    /** Character language models: a self-describing model file ({@link Models#load(Path, Class)}). */
    static ModelLoader<CharLanguageModel> charLanguageModel() {
        return file -> Models.load(file, CharLanguageModel.class);
    }
}
