package chat.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/stop.sh} against stand-ins that record when they were asked to stop ({@link TermRecorder}). */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the scripts are bash")
class StopScriptTest {
    private static final List<String> SERVERS = List.of("server-1", "server-2", "server-3", "server-4");

    @TempDir
    Path folder;

    private final List<Process> programs = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        programs.forEach(Process::destroyForcibly);
    }

    @Test
    void stopsEveryServerAtOnceAndThenTheBinder() throws Exception {
        ScriptSandbox sandbox = ScriptSandbox.create(folder.resolve("sandbox"));
        Path marks = Files.createDirectories(folder.resolve("marks"));
        Files.createDirectories(sandbox.runDir());
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        pids.put("binder", start(sandbox, marks, "binder"));
        for (String server : SERVERS) {
            pids.put(server, start(sandbox, marks, server));
        }

        List<String> lines;
        try (ScriptProcess stop = sandbox.run(0, "stop.sh", "--timeout", "20")) {
            assertEquals(0, stop.awaitExit(), stop.toString());
            lines = stop.out();
        }

        // Servers stopped one after another would each wait for the others until killed.
        List<String> expected = new ArrayList<>();
        for (String server : SERVERS) {
            expected.add(server + ": stopped (PID " + pids.get(server) + ")");
        }
        expected.add("binder: stopped (PID " + pids.get("binder") + ")");
        assertEquals(expected, lines);
        assertEquals(String.valueOf(SERVERS.size()), Files.readString(marks.resolve("binder.term")),
                "servers that had exited when the Binder was asked to stop");
        assertEquals(List.of(), sandbox.leftInRunDir());
    }

    /** Starts a stand-in as the scripts do (from NAME.jar in the run directory, its PID in NAME.pid). */
    private long start(ScriptSandbox sandbox, Path marks, String name) throws IOException, InterruptedException {
        Path jar = sandbox.runDir().resolve(name + ".jar");
        ScriptSandbox.launcherJar(jar, TermRecorder.class.getName(), Map.of());
        Process process = new ProcessBuilder(ScriptSandbox.java(), "-jar", jar.toString(), name, marks.toString(),
                String.valueOf(SERVERS.size()))
                .redirectErrorStream(true)
                .redirectOutput(sandbox.runDir().resolve(name + ".log").toFile())
                .start();
        programs.add(process);
        Files.writeString(sandbox.runDir().resolve(name + ".pid"), process.pid() + "\n");
        Path ready = marks.resolve(name + ".ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready)) {
            assertTrue(process.isAlive(), name + " exited before it was ready");
            assertTrue(System.nanoTime() < deadline, name + " was not ready in 60 s");
            process.onExit().completeOnTimeout(null, 20, TimeUnit.MILLISECONDS).join();
        }
        return process.pid();
    }
}
