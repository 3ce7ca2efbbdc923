package chat.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.Liveness;
import chat.binder.BinderServer;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.Message;
import chat.common.WireValues;
import chat.common.rpc.HttpLimits;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcFault;
import chat.common.rpc.RpcTransportException;
import chat.common.testing.Await;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Binder and a chat server in this JVM, on loopback and port 0, with the HTTP limits under test, and
 * what the hostile suite does around every attack: seed state, snapshot it through the procedures, and
 * afterwards check that both programs still answer, lost nothing, and serve a normal client.
 */
final class Servers implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final HttpLimits limits;
    private final String prefix;
    private final BinderServer binder;
    private final ChatServer server;
    private final RpcClient chat;
    private final RpcClient registry;
    private final List<Seed> seeds = new ArrayList<>();
    private int seeded;
    private boolean healthy = true;

    private Servers(HttpLimits limits, String prefix, BinderServer binder, ChatServer server) {
        this.limits = limits;
        this.prefix = prefix;
        this.binder = binder;
        this.server = server;
        this.chat = new RpcClient(server.endpoint(), CALL_TIMEOUT);
        this.registry = new RpcClient(binder.endpoint(), CALL_TIMEOUT);
    }

    /**
     * Starts a Binder and a chat server registered with it, both with {@code limits}.
     *
     * @param prefix starts every name this instance seeds, so the servers of different test classes never
     *               share a name in a log
     */
    static Servers start(HttpLimits limits, String prefix) throws IOException {
        // Probing off: the seeded registrations name made-up servers, which must stay exactly as they are.
        BinderServer binder = BinderServer.start(BinderConfig.builder().port(0).httpLimits(limits)
                .liveness(Liveness.OFF).build());
        try {
            ChatServer server = ChatServer.start(ServerConfig.builder().binder(binder.endpoint()).httpLimits(limits)
                    .build());
            return new Servers(limits, prefix, binder, server);
        } catch (IOException | RuntimeException e) {
            binder.close();
            throw e;
        }
    }

    HttpLimits limits() {
        return limits;
    }

    int port(Target target) {
        return target == Target.CHAT_SERVER ? server.port() : binder.port();
    }

    Endpoint endpoint(Target target) {
        return target == Target.CHAT_SERVER ? server.endpoint() : binder.endpoint();
    }

    /** A normal client of {@code target}. */
    RpcClient client(Target target) {
        return target == Target.CHAT_SERVER ? chat : registry;
    }

    /** False once a check after an attack has failed: the next test should not inherit the damage. */
    boolean healthy() {
        return healthy;
    }

    /** What one attack finds in place: two users in a room with a broadcast and a private message, and a Binder name. */
    record Seed(String tag, String ana, String bia, String room, String procedure, Endpoint registered) {
    }

    /** Everything seeded so far, as the procedures show it. */
    record Snapshot(List<String> rooms, Map<String, List<String>> members, Map<String, List<Message>> histories,
                    Map<String, Endpoint> registrations) {
    }

    /**
     * Seeds, runs {@code attack} against {@code target}, then checks the servers; an attack that fails its own
     * expectation is still followed by the checks, and both failures are reported. Every failure starts with
     * the target and the attack's name, which Maven's report would otherwise show only as an index.
     */
    void survive(Target target, Attack attack) {
        String label = "[" + target + "] " + attack.name() + ": ";
        Seed seed;
        Snapshot before;
        try {
            seed = seed();
            before = snapshot();
        } catch (RuntimeException | AssertionError e) {
            healthy = false;
            throw new AssertionError(label + "the servers could not be seeded before the attack: " + describe(e), e);
        }
        Throwable failure = null;
        try {
            attack.probe().run(new Attack.Context(target, port(target), seed, limits, this));
        } catch (Throwable t) {
            failure = t;
        }
        try {
            assertIntact(before);
            assertServesANormalClient(seed);
        } catch (Throwable damage) {
            healthy = false;
            AssertionError reported = new AssertionError(label + (failure == null ? "" : "the attack's expectation failed ("
                    + describe(failure) + ") and ") + "afterwards: " + describe(damage), damage);
            if (failure != null) {
                reported.addSuppressed(failure);
            }
            throw reported;
        }
        if (failure != null) {
            throw new AssertionError(label + describe(failure), failure);
        }
    }

    /** An assertion's message; for anything else (an I/O error talking to the server) its type too. */
    private static String describe(Throwable failure) {
        return failure instanceof AssertionError ? failure.getMessage() : failure.toString();
    }

    /** Registers two users, a room with both in it, a broadcast and a private message, and a Binder name. */
    Seed seed() {
        int n = ++seeded;
        String tag = prefix + n;
        Seed seed = new Seed(tag, tag + "-ana", tag + "-bia", tag + "-sala", tag + "-proc",
                new Endpoint(tag + "-host", 1000 + n));
        assertEquals(true, call(chat, "register_user", seed.ana()), "seeding " + seed.ana());
        assertEquals(true, call(chat, "register_user", seed.bia()), "seeding " + seed.bia());
        assertEquals(true, call(chat, "create_room", seed.room()), "seeding " + seed.room());
        Objects.requireNonNull(call(chat, "join_room", seed.ana(), seed.room()), "seeding: ana joins");
        Objects.requireNonNull(call(chat, "join_room", seed.bia(), seed.room()), "seeding: bia joins");
        assertEquals(true, call(chat, "send_message", seed.ana(), seed.room(), "olá a todos 😀 " + tag));
        assertEquals(true, call(chat, "send_message", seed.bia(), seed.room(), "psiu, só pra você " + tag, seed.ana()));
        assertEquals(true, call(registry, "register_procedure", seed.procedure(), seed.registered().host(),
                seed.registered().port()), "seeding the Binder");
        seeds.add(seed);
        return seed;
    }

    /** Every room and its members, every seeded room's history as its first member sees it, every Binder name. */
    Snapshot snapshot() {
        List<String> rooms = WireValues.strings(call(chat, "list_rooms"));
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String room : rooms) {
            members.put(room, WireValues.strings(call(chat, "list_users", room)));
        }
        Map<String, List<Message>> histories = new LinkedHashMap<>();
        Map<String, Endpoint> registrations = new LinkedHashMap<>();
        for (String procedure : ChatProcedures.ALL) {
            registrations.put(procedure, lookup(procedure));
        }
        for (Seed seed : seeds) {
            histories.put(seed.room(), WireValues.messages(call(chat, "receive_messages", seed.ana(), seed.room(), 0.0)));
            registrations.put(seed.procedure(), lookup(seed.procedure()));
        }
        return new Snapshot(rooms, members, histories, registrations);
    }

    /** Both programs answer, and every user, room, member, message and Binder name in {@code before} is as it was. */
    void assertIntact(Snapshot before) {
        awaitAnswer(Target.CHAT_SERVER);
        awaitAnswer(Target.BINDER);
        Snapshot after = snapshot();
        assertUnchanged("the rooms", before.rooms(), after.rooms());
        for (Map.Entry<String, List<String>> room : before.members().entrySet()) {
            assertUnchanged("the members of " + room.getKey(), room.getValue(), after.members().get(room.getKey()));
        }
        for (Map.Entry<String, List<Message>> room : before.histories().entrySet()) {
            assertUnchanged("the messages of " + room.getKey(), room.getValue(), after.histories().get(room.getKey()));
        }
        assertUnchanged("the Binder's registrations", before.registrations(), after.registrations());
        for (Seed seed : seeds) {
            assertEquals(false, call(chat, "register_user", seed.ana()), seed.ana() + " is no longer registered");
            assertEquals(false, call(chat, "register_user", seed.bia()), seed.bia() + " is no longer registered");
        }
        assertEquals(server.endpoint(), lookup("register_user"), "the Binder no longer points at the chat server");
    }

    /** A new user registers, joins the seeded room, sends, and receives its message; a new name registers at the Binder. */
    void assertServesANormalClient(Seed seed) {
        RpcClient client = new RpcClient(server.endpoint(), CALL_TIMEOUT);
        String me = seed.tag() + "-chk";
        assertEquals(true, call(client, "register_user", me), "a normal client registers");
        Object[] joined = (Object[]) call(client, "join_room", me, seed.room());
        assertTrue(joined != null && joined.length == 2, "a normal client joins " + seed.room());
        List<Message> history = WireValues.messages(joined[1]);
        double cursor = history.isEmpty() ? 0 : history.get(history.size() - 1).timestamp();
        String text = "ainda aqui " + seed.tag();
        assertEquals(true, call(client, "send_message", me, seed.room(), text), "a normal client sends");
        List<Message> fresh = WireValues.messages(call(client, "receive_messages", me, seed.room(), cursor));
        assertTrue(fresh.stream().anyMatch(m -> m.origin().equals(me) && m.content().equals(text)),
                () -> "a normal client receives what it sent; got " + fresh);
        RpcClient lookups = new RpcClient(binder.endpoint(), CALL_TIMEOUT);
        Endpoint at = new Endpoint("localhost", 1);
        assertEquals(true, call(lookups, "register_procedure", me, at.host(), at.port()), "a server registers a name");
        assertEquals(at, Endpoint.fromWire(call(lookups, "lookup_procedure", me)), "a client looks the name up");
    }

    /** Waits (a few seconds at most) until {@code target} answers a read-only call. */
    void awaitAnswer(Target target) {
        RpcClient client = client(target);
        Await.until("the " + target + " answers a normal call", Wire.PATIENCE, () -> {
            try {
                if (target == Target.CHAT_SERVER) {
                    call(client, "list_rooms");
                } else {
                    call(client, "lookup_procedure", "register_user");
                }
                return true;
            } catch (RpcTransportException e) {
                return false;
            }
        });
    }

    /** Fails, saying briefly what was lost and what appeared, unless {@code after} equals {@code before}. */
    private static void assertUnchanged(String what, Object before, Object after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof List<?> was && after instanceof List<?> is) {
            List<Object> lost = new ArrayList<>(was);
            lost.removeAll(is);
            List<Object> gained = new ArrayList<>(is);
            gained.removeAll(was);
            throw new AssertionError(what + " changed: lost " + brief(lost) + ", gained " + brief(gained)
                    + (lost.isEmpty() && gained.isEmpty() ? ", reordered" : ""));
        }
        if (before instanceof Map<?, ?> was && after instanceof Map<?, ?> is) {
            List<String> changes = new ArrayList<>();
            for (Map.Entry<?, ?> entry : was.entrySet()) {
                if (!Objects.equals(entry.getValue(), is.get(entry.getKey()))) {
                    changes.add(brief(entry.getKey()) + ": " + brief(entry.getValue()) + " → " + brief(is.get(entry.getKey())));
                }
            }
            throw new AssertionError(what + " changed: " + changes);
        }
        throw new AssertionError(what + " changed: " + brief(before) + " → " + brief(after));
    }

    /** A value for a failure message: long names (the attacks send 200,000-character ones) cut short. */
    private static String brief(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Servers::brief).toList().toString();
        }
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 80) + "... (" + text.length() + " characters)";
    }

    private Endpoint lookup(String procedure) {
        Object answer = call(registry, "lookup_procedure", procedure);
        return answer == null ? null : Endpoint.fromWire(answer);
    }

    /** A call by a normal client; a fault it gets is checked for {@link Leaks} and rethrown. */
    static Object call(RpcClient client, String procedure, Object... args) {
        try {
            return client.call(procedure, args);
        } catch (RpcFault fault) {
            Leaks.assertNone("fault " + fault.code() + " to " + procedure, fault.faultString());
            throw fault;
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            binder.close();
        }
    }
}
