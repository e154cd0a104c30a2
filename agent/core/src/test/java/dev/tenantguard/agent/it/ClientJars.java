package dev.tenantguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Client libraries of a version the agent was not written against, compiled from source in the test. */
final class ClientJars {
    private ClientJars() {
    }

    /**
     * Compiles {@code sources} (path in the jar's source tree, e.g. {@code okhttp3/OkHttpClient.java} → its
     * text) into {@code root/jarName}; {@code version}, when not {@code null}, is its manifest's
     * Implementation-Version.
     */
    static Path compile(Path root, String jarName, String version, Map<String, String> sources) throws IOException {
        String base = jarName.replace(".jar", "");
        Path sourceDir = Files.createDirectories(root.resolve(base + "-src"));
        Path classes = Files.createDirectories(root.resolve(base + "-classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDir.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            arguments.add(Files.writeString(file, source.getValue()).toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, arguments.toArray(String[]::new)), "the clients compile");
        Path jar = root.resolve(jarName);
        try (JarOutputStream out = open(jar, version); Stream<Path> all = Files.walk(classes)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A jar with no manifest when {@code version} is {@code null}: its name is all that says its version. */
    private static JarOutputStream open(Path jar, String version) throws IOException {
        if (version == null) {
            return new JarOutputStream(Files.newOutputStream(jar));
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        return new JarOutputStream(Files.newOutputStream(jar), manifest);
    }
}
