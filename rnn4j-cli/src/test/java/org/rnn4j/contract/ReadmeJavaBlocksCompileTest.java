package org.rnn4j.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README compiles against the library, as a user would paste it: each
 * block's statements become one method, with the imports of that block and of the blocks above it
 * (the README reads top to bottom).
 */
class ReadmeJavaBlocksCompileTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaBlockCompiles(@TempDir Path out) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = BLOCK.matcher(readme);
        Set<String> imports = new LinkedHashSet<>();
        List<JavaFileObject> sources = new ArrayList<>();
        while (m.find()) {
            StringBuilder body = new StringBuilder();
            for (String line : m.group(1).split("\n")) {
                if (line.startsWith("import ")) imports.add(line); else body.append(line).append('\n');
            }
            String name = "ReadmeBlock" + sources.size();
            String code = String.join("\n", imports) + "\n\npublic class " + name
                    + " {\n    static void run() throws Exception {\n" + body + "    }\n}\n";
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                }
            });
        }
        assertFalse(sources.isEmpty(), "no ```java block found in README.md");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok = javac.getTask(null, null, diagnostics, List.of("-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")), null, sources).call();
        StringBuilder errors = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.append('\n').append(d.getSource().getName()).append(':').append(d.getLineNumber())
                        .append(": ").append(d.getMessage(null));
            }
        }
        assertTrue(ok, "README Java blocks do not compile:" + errors);
    }
}
