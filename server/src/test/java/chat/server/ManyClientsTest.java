package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.Message;
import chat.common.WireValues;
import chat.common.rpc.RpcClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Many clients chatting at once over real sockets: nobody misses, repeats or reorders anything it may see. */
class ManyClientsTest {
    private static final int CLIENTS = 50;
    private static final int MESSAGES_EACH = 100;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    /** Message {@code j} of sender {@code s} is private to the next client every tenth time, public otherwise. */
    private static String recipientOf(int sender, int j) {
        return j % 10 == 9 ? "user" + ((sender + 1) % CLIENTS) : null;
    }

    @Test
    void fiftyClientsSendingAHundredMessagesEachReceiveExactlyWhatTheyMaySeeOnceAndInOrder() throws Exception {
        try (BinderServer binder = BinderServer.start(BinderConfig.ephemeral());
             ChatServer server = ChatServer.start(ServerConfig.local(binder.endpoint()))) {
            new RpcClient(server.endpoint()).call("create_room", "sala");
            CountDownLatch everyoneJoined = new CountDownLatch(CLIENTS);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            List<Future<List<Message>>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int me = c;
                results.add(pool.submit(() -> chat(server, me, everyoneJoined, deadline)));
            }
            pool.shutdown();
            for (int c = 0; c < CLIENTS; c++) {
                List<Message> received = results.get(c).get(DEADLINE.toSeconds() + 10, TimeUnit.SECONDS);
                assertReceivedExactlyWhatItMaySee(c, received);
            }
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /** One client: joins, waits for everyone, sends its messages while polling, then polls until it has all. */
    private static List<Message> chat(ChatServer server, int me, CountDownLatch everyoneJoined, long deadline)
            throws Exception {
        String name = "user" + me;
        RpcClient rpc = new RpcClient(server.endpoint());
        assertEquals(true, rpc.call("register_user", name));
        Object[] joined = (Object[]) rpc.call("join_room", name, "sala");
        List<Message> history = WireValues.messages(joined[1]);
        double cursor = history.get(history.size() - 1).timestamp();
        everyoneJoined.countDown();
        if (!everyoneJoined.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new TimeoutException("not everyone joined");
        }
        List<Message> received = new ArrayList<>();
        int expected = expectedCount(me);
        for (int j = 0; j < MESSAGES_EACH || countChat(received) < expected; j++) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(name + " received " + countChat(received) + " of " + expected);
            }
            if (j < MESSAGES_EACH) {
                assertEquals(true, rpc.call("send_message", name, "sala", me + ":" + j, recipientOf(me, j)));
            }
            List<Message> fresh = WireValues.messages(rpc.call("receive_messages", name, "sala", cursor));
            if (!fresh.isEmpty()) {
                cursor = fresh.get(fresh.size() - 1).timestamp();
                received.addAll(fresh);
            }
        }
        return received;
    }

    private static long countChat(List<Message> messages) {
        return messages.stream().filter(m -> !m.origin().equals(Message.SYSTEM)).count();
    }

    private static int expectedCount(int me) {
        int count = 0;
        for (int s = 0; s < CLIENTS; s++) {
            for (int j = 0; j < MESSAGES_EACH; j++) {
                String to = recipientOf(s, j);
                if (to == null || s == me || to.equals("user" + me)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static void assertReceivedExactlyWhatItMaySee(int me, List<Message> received) {
        String name = "user" + me;
        Set<String> seen = new HashSet<>();
        Map<Integer, Integer> lastFromSender = new java.util.HashMap<>();
        double previous = 0;
        for (Message m : received) {
            assertTrue(m.timestamp() > previous, name + ": messages arrive in timestamp order");
            previous = m.timestamp();
            if (m.origin().equals(Message.SYSTEM)) {
                continue;
            }
            assertTrue(m.isVisibleTo(name), name + " must not see " + m);
            assertTrue(seen.add(m.content()), name + " got " + m.content() + " twice");
            String[] parts = m.content().split(":");
            int sender = Integer.parseInt(parts[0]);
            int j = Integer.parseInt(parts[1]);
            assertEquals("user" + sender, m.origin());
            Integer last = lastFromSender.put(sender, j);
            assertTrue(last == null || last < j, name + ": messages of user" + sender + " in the order sent");
        }
        assertEquals(expectedCount(me), seen.size(), name + " received everything it may see");
    }
}
