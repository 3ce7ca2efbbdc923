package chat.scripts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * A copy of the repository's {@code scripts/} in a folder of its own, with a jar for each program where the
 * scripts look for it, and a run directory of its own. Each jar holds only a manifest naming the program's
 * {@code Main} and this test's class path, so the scripts run the code under test, in a build at any phase,
 * and never find a jar older than its sources (nothing to rebuild).
 */
final class ScriptSandbox {
    /** What the server's jar asks of the JVM for Hazelcast, as the server's pom writes it into server.jar. */
    private static final Map<String, String> SERVER_ACCESSES = Map.of(
            "Add-Exports", "java.base/jdk.internal.ref",
            "Add-Opens", "java.base/java.lang java.base/sun.nio.ch java.management/sun.management"
                    + " jdk.management/com.sun.management.internal");

    private final Path root;
    private final Path runDir;

    private ScriptSandbox(Path root) {
        this.root = root;
        this.runDir = root.resolve("run");
    }

    /** Copies the scripts into {@code root} and writes the Binder's, the server's and the client's jars. */
    static ScriptSandbox create(Path root) throws IOException {
        Path scripts = Files.createDirectories(root.resolve("scripts"));
        for (String script : List.of("lib.sh", "chat.sh", "stop.sh")) {
            Files.copy(repositoryScripts().resolve(script), scripts.resolve(script));
        }
        ScriptSandbox sandbox = new ScriptSandbox(root);
        launcherJar(root.resolve("binder/target/binder.jar"), "chat.binder.Main", Map.of());
        launcherJar(root.resolve("server/target/server.jar"), "chat.server.Main", SERVER_ACCESSES);
        launcherJar(root.resolve("client/target/client.jar"), "chat.client.Main", Map.of());
        return sandbox;
    }

    /** The repository's scripts folder: the module's parent (where Maven runs the tests) holds it. */
    static Path repositoryScripts() {
        Path module = Path.of("").toAbsolutePath();
        for (Path dir = module; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/lib.sh"))) {
                return dir.resolve("scripts");
            }
        }
        throw new IllegalStateException("no scripts/lib.sh in " + module + " or above it");
    }

    /**
     * Writes a jar of one manifest: {@code Main-Class}, this JVM's class path as absolute {@code file:} URLs, and
     * the given extra attributes.
     */
    static void launcherJar(Path jar, String mainClass, Map<String, String> attributes) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, mainClass);
        main.put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path")
                        .split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
        attributes.forEach(main::putValue);
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.finish();
        }
    }

    Path root() {
        return root;
    }

    Path runDir() {
        return runDir;
    }

    /** The java launcher of this JVM, which the scripts run through {@code $JAVA}. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code bash scripts/SCRIPT ARGS...} in the sandbox with the Binder port, the run directory and the
     * java launcher set through the scripts' environment defaults.
     */
    ScriptProcess run(int binderPort, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("CHAT_"));
        environment.put("CHAT_BINDER_PORT", String.valueOf(binderPort));
        environment.put("CHAT_RUN_DIR", runDir.toString());
        environment.put("CHAT_START_TIMEOUT", "50");
        environment.put("JAVA", java());
        environment.remove("JAVA_HOME");
        return ScriptProcess.start(builder);
    }

    /** The PID recorded in the run directory under NAME, if its PID file is there. */
    long recordedPid(String name) throws IOException {
        Path file = runDir.resolve(name + ".pid");
        if (!Files.exists(file)) {
            throw new AssertionError("no PID file " + file);
        }
        return Long.parseLong(Files.readAllLines(file).get(0).strip());
    }

    /**
     * The names of the PID files and the other bookkeeping files left in the run directory (logs aside, and the
     * chat's data, which is kept to outlive the programs).
     */
    List<String> leftInRunDir() throws IOException {
        try (var files = Files.list(runDir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.endsWith(".log") && !name.endsWith(".lock") && !name.equals("data"))
                    .sorted()
                    .toList();
        }
    }
}
