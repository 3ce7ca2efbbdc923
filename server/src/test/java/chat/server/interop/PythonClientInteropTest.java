package chat.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.MessageType;
import chat.common.testing.Python;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's own {@code xmlrpc.client}, calling as the original chat client does (a Binder lookup before
 * every call, bare {@code <nil/>} for a missing recipient, float cursors), through the Java Binder to the
 * Java chat server. The script {@code python/original_client_calls.py} asserts the contract from the
 * Python side and prints one JSON line per check; this test asserts that every expected check ran and
 * held, and looks at the Java server's state where the text must have arrived intact.
 */
class PythonClientInteropTest {
    private static final String SCRIPT = "/python/original_client_calls.py";
    private static final long SCRIPT_DEADLINE_SECONDS = 60;
    private static final Pattern CHECK = Pattern.compile("^\\{\"check\": \"([^\"]+)\", \"ok\": (true|false)");
    private static final Pattern DONE = Pattern.compile("^\\{\"done\": \"([^\"]+)\", \"checks\": (\\d+), \"failed\": (\\d+)\\}$");

    @TempDir
    Path work;

    private BinderServer binder;
    private ChatServer server;
    private Process python;

    /** Probed once: every process start probes again, and a probe costs a Python start-up. */
    private static Optional<String> pythonFound;

    @BeforeAll
    static void findPython() {
        pythonFound = Python.executable();
    }

    @BeforeEach
    void startBinderAndServer() throws IOException {
        if (pythonFound.isEmpty()) {
            Python.require(); // skips this test, saying python3 is missing
        }
        binder = BinderServer.start(BinderConfig.ephemeral());
        server = ChatServer.start(ServerConfig.local(binder.endpoint()));
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        try {
            if (python != null && python.isAlive()) {
                python.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                if (binder != null) {
                    binder.close();
                }
            }
        }
    }

    @Test
    void theOriginalClientsWholeSessionWorksWithAccentsAndEmoji() throws Exception {
        runScenario("session", List.of(
                "register_user_accented", "register_user_taken", "create_room_accented", "create_room_taken",
                "list_rooms_has_room", "join_room_members", "join_room_history_is_messages", "join_room_announces",
                "second_join_members", "broadcast_with_nil_recipient", "nil_recipient_is_bare_nil_on_the_wire",
                "emoji_is_utf8_on_the_wire", "receive_messages_float_cursor", "broadcast_fields",
                "unicast_with_recipient", "receive_own_and_private", "unicast_fields", "list_users",
                "remove_user_answers_nil", "list_users_after_leaving", "receive_with_nil_room_after_leaving",
                "leave_is_announced"));

        // The text must have arrived intact on the Java side, not merely made the round trip.
        assertEquals(List.of("ação"), server.service().listRooms());
        assertEquals(List.of("João"), server.service().listUsers("ação"));
        List<Message> seenByJoao = server.service().receive("João", "ação", 0);
        assertTrue(seenByJoao.contains(Message.broadcast("João", "olá 😀🎉", timestampOf(seenByJoao, "olá 😀🎉"))),
                () -> "João's broadcast as the Java server stored it: " + seenByJoao);
        Message reply = seenByJoao.stream().filter(m -> m.type() == MessageType.UNICAST).findFirst()
                .orElseThrow(() -> new AssertionError("no unicast stored: " + seenByJoao));
        assertEquals(Message.unicast("Maria", "João", "ação é comigo, João 👍", reply.timestamp()), reply);
    }

    @Test
    void aPrivateMessageReachesItsSenderAndRecipientOnly() throws Exception {
        runScenario("private", List.of(
                "unicast_accepted", "broadcast_accepted", "sender_reads_unicast", "recipient_reads_unicast",
                "third_member_reads_broadcast_only", "new_joiner_history_has_no_unicast",
                "third_member_history_has_no_unicast", "sender_history_has_unicast", "recipient_history_has_unicast",
                "history_is_counted_after_filtering", "history_holds_fifty"));
    }

    @Test
    void messagesSentBackToBackHaveStrictlyIncreasingTimestamps() throws Exception {
        runScenario("timestamps", List.of(
                "all_arrive_in_order", "timestamps_are_doubles", "timestamps_strictly_increase",
                "timestamps_are_epoch_seconds", "cursor_at_each_stamp_returns_the_rest"));
    }

    @Test
    void refusalsAnswerFalseEmptyOrNilAsTheOriginalClientExpects() throws Exception {
        runScenario("refusals", List.of(
                "send_by_non_member_is_false", "send_by_unregistered_is_false", "unicast_to_non_member_is_false",
                "unicast_to_unknown_name_is_false", "send_to_unknown_room_is_false",
                "refused_messages_are_not_stored", "read_by_non_member_is_empty", "read_with_nil_room_is_empty",
                "read_of_unknown_room_is_empty", "join_unknown_room_is_nil", "join_by_unregistered_is_nil",
                "list_users_of_unknown_room_is_empty"));
    }

    @Test
    void twoArgumentReceiveReadsFromTheServerKeptCursor() throws Exception {
        runScenario("cursor", List.of(
                "starts_after_join_history", "nothing_new_is_empty", "returns_what_arrived",
                "three_argument_form_still_works", "three_argument_form_leaves_cursor", "cursor_moved"));
    }

    @Test
    void theJavaBinderAnswersNilForUnknownNamesAndBothServersAnswerOnRpc2() throws Exception {
        Endpoint registered = server.endpoint();
        runScenario("binder", List.of(
                "unknown_lookup_is_nil", "every_procedure_registered", "register_procedure_is_true",
                "one_server_per_caller_every_registration_kept", "binder_answers_on_rpc2", "server_answers_on_rpc2"),
                registered.host(), String.valueOf(registered.port()));

        assertEquals(2, binder.binder().lookupAll("outro_procedimento").size());
        assertTrue(binder.binder().lookupAll("outro_procedimento").contains(registered));
    }

    /**
     * Runs one scenario of the script and asserts that it ran exactly the {@code expected} checks, that
     * each held, and that it finished cleanly.
     */
    private void runScenario(String scenario, List<String> expected, String... extraArgs) throws Exception {
        Path script = copyScript();
        Path out = work.resolve(scenario + ".out");
        Path err = work.resolve(scenario + ".err");
        List<String> args = new ArrayList<>(List.of(binder.endpoint().host(), String.valueOf(binder.port()), scenario));
        args.addAll(List.of(extraArgs));
        python = Python.script(script, args.toArray(String[]::new))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        python.getOutputStream().close();
        if (!python.waitFor(SCRIPT_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            fail("the Python client did not finish '" + scenario + "' within " + SCRIPT_DEADLINE_SECONDS + " s"
                    + transcript(out, err));
        }

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        Map<String, String> checks = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        String done = null;
        for (String line : lines) {
            Matcher check = CHECK.matcher(line);
            if (check.find()) {
                checks.put(check.group(1), line);
                if (!Boolean.parseBoolean(check.group(2))) {
                    failed.add(line);
                }
            } else if (DONE.matcher(line).matches()) {
                done = line;
            }
        }
        assertTrue(failed.isEmpty(), () -> "checks failed on the Python side:\n  " + String.join("\n  ", failed)
                + transcript(out, err));
        assertEquals(expected, List.copyOf(checks.keySet()),
                () -> "the Python client did not run the expected checks" + transcript(out, err));
        assertEquals(0, python.exitValue(), () -> "the Python client exited with " + python.exitValue()
                + transcript(out, err));
        assertTrue(done != null, () -> "the Python client did not report the end of '" + scenario + "'"
                + transcript(out, err));
    }

    private Path copyScript() throws IOException {
        Path script = work.resolve("original_client_calls.py");
        if (!Files.exists(script)) {
            try (InputStream in = PythonClientInteropTest.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(SCRIPT + " is not on the test classpath (src/test/resources)");
                }
                Files.copy(in, script);
            }
        }
        return script;
    }

    private static String transcript(Path out, Path err) {
        try {
            return "\n--- stdout ---\n" + Files.readString(out, StandardCharsets.UTF_8)
                    + "--- stderr ---\n" + Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "\n(the Python client's output could not be read: " + e.getMessage() + ")";
        }
    }

    private static double timestampOf(List<Message> messages, String content) {
        return messages.stream().filter(m -> m.content().equals(content)).mapToDouble(Message::timestamp)
                .findFirst().orElseThrow(() -> new AssertionError("no message '" + content + "' in " + messages));
    }
}
