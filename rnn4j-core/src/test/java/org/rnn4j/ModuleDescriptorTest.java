package org.rnn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rnn4j.tensor.Tensor;

/**
 * The compiled descriptor of rnn4j-core exports exactly the API packages (API.md), and the API
 * does not leak the unexported ones through its signatures. The tests run on the class path, so
 * this reads target/classes/module-info.class itself.
 */
class ModuleDescriptorTest {
    private static final Set<String> API = Set.of(
            "org.rnn4j.autograd", "org.rnn4j.data", "org.rnn4j.io", "org.rnn4j.nn", "org.rnn4j.optim", "org.rnn4j.optim.lr",
            "org.rnn4j.tensor");

    @Test
    void exportsExactlyTheApiPackagesToEveryone() throws IOException {
        ModuleDescriptor d = descriptor();
        assertEquals("org.rnn4j.core", d.name());
        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            assertTrue(!e.isQualified(), "qualified export of " + e.source() + " to " + e.targets());
            exported.add(e.source());
        }
        assertEquals(new TreeSet<>(API), exported, "exported packages");
        assertTrue(d.opens().isEmpty() && !d.isOpen(), "nothing is opened for reflection: " + d.opens());
    }

    @Test
    void theVectorApiIsAnOptionalDependencyAndTheOnlyOne() throws IOException {
        Set<String> requires = new TreeSet<>();
        for (ModuleDescriptor.Requires r : descriptor().requires()) {
            if (r.name().equals("java.base")) continue;
            requires.add(r.name() + r.modifiers());
        }
        assertEquals(Set.of("jdk.incubator.vector[STATIC]"), requires);
    }

    @Test
    void everyOtherPackageIsAKnownInternalOne() throws IOException {
        for (String p : packages()) {
            if (API.contains(p)) continue;
            assertTrue(p.equals("org.rnn4j.internal") || p.startsWith("org.rnn4j.internal.")
                    || p.equals("org.rnn4j.tensor.cpu") || p.startsWith("org.rnn4j.tensor.cpu."),
                    "package " + p + " is neither exported (API.md) nor internal (org.rnn4j.internal.*,"
                            + " org.rnn4j.tensor.cpu.*): decide which and update module-info.java");
        }
    }

    @Test
    void publicSignaturesOfTheApiUseNoUnexportedType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : apiClasses()) {
            check(leaks, c, "extends", c.getSuperclass());
            for (Class<?> i : c.getInterfaces()) check(leaks, c, "implements", i);
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) check(leaks, c, f.getName(), f.getType());
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    check(leaks, c, m.getName() + "()", m.getReturnType());
                    checkParameters(leaks, c, m);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) checkParameters(leaks, c, k);
            }
        }
        assertTrue(leaks.isEmpty(), "API signatures name unexported types:\n" + String.join("\n", leaks));
    }

    private static void checkParameters(List<String> leaks, Class<?> c, Executable e) {
        for (Class<?> p : e.getParameterTypes()) check(leaks, c, e.getName() + "(..)", p);
    }

    private static void check(List<String> leaks, Class<?> owner, String where, Class<?> type) {
        while (type != null && type.isArray()) type = type.getComponentType();
        if (type == null || type.isPrimitive()) return;
        String p = type.getPackageName();
        if (p.startsWith("org.rnn4j.") && !API.contains(p)) {
            leaks.add(owner.getName() + " " + where + ": " + type.getName());
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** The public (and reachable public nested) classes of the exported packages. */
    private static List<Class<?>> apiClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        for (String name : classNames()) {
            Class<?> c = Class.forName(name, false, Tensor.class.getClassLoader());
            if (!API.contains(c.getPackageName())) continue;
            boolean reachable = true;
            for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
                reachable &= Modifier.isPublic(k.getModifiers());
            }
            if (reachable) out.add(c);
        }
        return out;
    }

    private static Set<String> packages() throws IOException {
        return classNames().stream().map(n -> n.substring(0, n.lastIndexOf('.')))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> classNames() throws IOException {
        Path root = classesDir();
        String separator = root.getFileSystem().getSeparator();
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(f -> root.relativize(f).toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace(separator, "."))
                    .sorted().toList();
        }
    }

    private static ModuleDescriptor descriptor() throws IOException {
        try (InputStream in = Files.newInputStream(classesDir().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** target/classes of rnn4j-core: where Tensor was loaded from. */
    private static Path classesDir() {
        try {
            return Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
