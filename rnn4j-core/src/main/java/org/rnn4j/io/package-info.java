/**
 * Files: safetensors state dicts ({@link org.rnn4j.io.SafeTensors}), self-describing model files
 * ({@link org.rnn4j.io.Models}) and checkpoints of whole training runs
 * ({@link org.rnn4j.io.Checkpoints}, {@link org.rnn4j.io.CheckpointManager}).
 *
 * <p>All three are safetensors files, so PyTorch's tooling reads their tensors. Files are
 * untrusted input: every problem is an {@link java.io.IOException} (or, for a sound file that does
 * not fit the objects it is loaded into, an {@link IllegalArgumentException}) whose one-line
 * message names the file and the problem; no file can make a reader run out of memory or hang.
 * Every write is atomic: temporary file, fsync, rename, fsync of the folder.
 *
 * <h2>Model files</h2>
 * {@link org.rnn4j.io.Models#save(java.nio.file.Path, org.rnn4j.nn.Module, java.util.Map)} stores a
 * module's weights under their parameter names and its architecture as JSON in the metadata
 * ({@code rnn4j.model}), beside {@code rnn4j.format = "model"}, {@code rnn4j.format_version} and
 * {@code rnn4j.data_crc32}; the caller's own entries (a task's vocabulary, scaling, column names)
 * go in as they are, under any key outside {@code rnn4j.}. {@link org.rnn4j.io.Models#load} rebuilds
 * the module without the code that made it. The architecture is a tree of nodes:
 * <pre>
 *   {"type": "LSTM", "config": {"input_size": 8, "hidden_size": 32, "num_layers": 2, ...}}
 *   {"type": "Sequential", "config": {}, "children": {"0": node, "1": node, ...}}
 * </pre>
 * Each module class has a {@link org.rnn4j.io.ModuleCodec}: its type name, its options as a
 * {@link org.rnn4j.io.ModuleConfig}, for containers its submodules, and how to build it again.
 * {@link org.rnn4j.io.ModuleCodecs#builtIn()} holds rnn4j-core's (RNN, LSTM, GRU, the three cells,
 * Linear, ElmanNetwork, JordanNetwork, Embedding, Dropout, LayerNorm, Tanh, ReLU, Sigmoid and the
 * container Sequential); {@link org.rnn4j.io.ModuleCodecs#standard()} adds those
 * other libraries provide through {@link java.util.ServiceLoader}.
 *
 * <h2>Adding a module type</h2>
 * One small codec class and one registry line. For a module of rnn4j-core:
 * <ol>
 * <li>Make sure the module reports every option its constructor takes (a public accessor or a
 * {@code config()} returning its Options; add one if missing), and, for a container, its
 * submodules in order.</li>
 * <li>Write a package-private final class {@code XCodec implements ModuleCodec<X>} in this
 * package. {@code type()} is PyTorch's class name; {@code config(m)} writes every option under
 * PyTorch's argument name (snake_case), defaults included; {@code build(config, children)} calls the
 * constructor, reading each option with the getter of its kind, with PyTorch's default as
 * fallback for options a later version adds (so older files still load). A leaf (the real
 * {@code DropoutCodec}):
 * <pre>{@code
 * final class DropoutCodec implements ModuleCodec<Dropout> {
 *     public String type() { return "Dropout"; }
 *     public Class<Dropout> moduleClass() { return Dropout.class; }
 *     public ModuleConfig config(Dropout m) { return ModuleConfig.of().with("p", m.p()); }
 *     public Dropout build(ModuleConfig c, Map<String, Module> children) { return new Dropout(c.getDouble("p", 0.5)); }
 * }
 * }</pre>
 * Enums are written with {@code with(key, enumValue)} and read with {@code getEnum(key, Type.class,
 * fallback)}; integer arrays with {@code with(key, int[])} and {@code getInts(key)}. A container
 * also implements {@code children(m)} (its submodules by registered name, in order), and its
 * {@code build} receives them already built, by the same names ({@code SequentialCodec}, less its
 * check that the names are 0, 1, ... in order):
 * <pre>{@code
 * final class SequentialCodec implements ModuleCodec<Sequential> {
 *     public String type() { return "Sequential"; }
 *     public Class<Sequential> moduleClass() { return Sequential.class; }
 *     public ModuleConfig config(Sequential m) { return ModuleConfig.of(); }
 *     public Map<String, Module> children(Sequential m) {      // "0", "1", ... in order
 *         Map<String, Module> out = new LinkedHashMap<>();
 *         for (int i = 0; i < m.size(); i++) out.put(Integer.toString(i), m.get(i));
 *         return out;
 *     }
 *     public Sequential build(ModuleConfig c, Map<String, Module> children) {
 *         return new Sequential(children.values().toArray(new Module[0]));
 *     }
 * }
 * }</pre></li>
 * <li>Add {@code new XCodec()} to the list in {@link org.rnn4j.io.ModuleCodecs#builtIn()}.</li>
 * <li>Add the module, with every option, to {@code ModelsRoundTripTest.cases()}: save, load, same
 * repr, same bits, same outputs bit for bit.</li>
 * </ol>
 * For a module outside rnn4j-core (the forecast and text models of a tasks library), write the
 * codec as a public class there and declare it as a service: {@code provides
 * org.rnn4j.io.ModuleCodec with ...XCodec;} in that module's {@code module-info.java}, and the class
 * name on a line of {@code META-INF/services/org.rnn4j.io.ModuleCodec} for the class path. A
 * composite may be a leaf (its config holds what its constructor needs, e.g. vocabulary size,
 * embedding size, cell, hidden size, layers; its parts' weights are found under their dotted
 * names) or a container of its parts.
 *
 * <p>What {@link org.rnn4j.io.Models} checks so a codec cannot silently go wrong: after each build
 * it writes the new module's config again and refuses an option the file has that the module does
 * not (unknown, or ignored by the codec); a container must hold exactly the children it was given;
 * the rebuilt parameter names and shapes must equal the file's tensors. A save rebuilds the
 * architecture once before writing, so a codec that does not round-trip fails at save time. Building
 * happens in a scope where the default generator is a private throwaway one (loading moves no
 * one's random stream) and tensor factories may allocate no more than the file's weights: a
 * constructor must create its tensors through the {@link org.rnn4j.tensor.Tensor} factories or
 * {@code Module}'s initialisers, as every rnn4j module does.
 *
 * <h2>Checkpoints</h2>
 * {@link org.rnn4j.io.Checkpoints#save} stores a {@link org.rnn4j.io.TrainingState} (model,
 * optimizer, scheduler, named generators) and a {@link org.rnn4j.io.Checkpoint} (step, epoch, named
 * tensors such as a carried hidden state, named longs and doubles such as a data loader's position,
 * metadata strings) in one file; {@link org.rnn4j.io.Checkpoints#restore} puts it all back, all or
 * nothing, so that a resumed run ends with the same weights, bit for bit, as one that never
 * stopped. {@link org.rnn4j.io.CheckpointManager} keeps the last N in a folder. The tensor names
 * and metadata keys are listed on {@link org.rnn4j.io.Checkpoints}.
 */
package org.rnn4j.io;
