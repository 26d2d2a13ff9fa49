package org.rnn4j.io;

import java.util.Map;
import org.rnn4j.nn.Module;

/**
 * How one module class is written to and rebuilt from a model file ({@link Models}): its type
 * name, its options as a {@link ModuleConfig}, and, for containers, its submodules. Weights are
 * not the codec's business: they travel as the file's tensors under the module's own parameter
 * names, and are loaded (strictly) after the module is built.
 *
 * <p>A codec must be stateless and round-trip: {@code build(config(m), children(m))} is a module
 * with the same options, parameter names and shapes as {@code m}. {@link Models} checks the part
 * it can: after a build it writes the new module's config again and refuses a file whose options
 * the new module does not have (an unknown option, or one the codec ignored).
 *
 * <p>The package documentation ({@code org.rnn4j.io}) shows how to add one.
 *
 * @param <M> the module class, matched exactly (not its subclasses)
 */
public interface ModuleCodec<M extends Module> {
    /** The name stored in files; PyTorch's class name where there is one ({@code "LSTM"}). */
    String type();

    /** The class this codec writes and builds. */
    Class<M> moduleClass();

    /** The module's options (not its weights). */
    ModuleConfig config(M module);

    /**
     * The submodules a container stores as nodes of their own, by their registered names in
     * registration order. Leaves, and composites that rebuild their parts from their own options,
     * have none (the default).
     */
    default Map<String, Module> children(M module) {
        return Map.of();
    }

    /**
     * A new module with the options of {@code config}, holding {@code children} (already built, by
     * the names and in the order {@link #children} gave; empty for a leaf). Its initial weights
     * are overwritten by the file's.
     *
     * @throws IllegalArgumentException for a missing or bad option (the module's constructor's
     *     message will do)
     */
    M build(ModuleConfig config, Map<String, Module> children);
}
