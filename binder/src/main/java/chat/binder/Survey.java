package chat.binder;

import chat.common.BinderClient;
import chat.common.BinderRegistration;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.ServerStatus;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcException;
import chat.common.rpc.RpcFault;
import chat.common.rpc.RpcTransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Looks at a deployment: asks the Binder for every registration, groups them by server, and asks each
 * live chat server for its status, all at once, each within the timeout.
 */
final class Survey {
    /** Servers asked at once. */
    private static final int ASKED_AT_ONCE = 8;

    private Survey() {
    }

    /**
     * Every server registered with {@code binder}, by address and port.
     *
     * @throws chat.common.rpc.RpcException the Binder cannot be reached, or has no {@code list_registrations}
     */
    static List<ServerView> of(BinderClient binder, Duration timeout) {
        Map<Endpoint, List<BinderRegistration>> byServer = new TreeMap<>(
                Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));
        for (BinderRegistration row : binder.registrations()) {
            byServer.computeIfAbsent(row.endpoint(), e -> new ArrayList<>()).add(row);
        }
        if (byServer.isEmpty()) {
            return List.of();
        }
        ExecutorService askers = Executors.newFixedThreadPool(Math.min(ASKED_AT_ONCE, byServer.size()), task -> {
            Thread thread = new Thread(task, "status-asker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<ServerView>> views = new ArrayList<>();
            byServer.forEach((endpoint, rows) -> views.add(
                    CompletableFuture.supplyAsync(() -> view(endpoint, rows, timeout), askers)));
            return views.stream().map(CompletableFuture::join).toList();
        } finally {
            askers.shutdownNow();
        }
    }

    private static ServerView view(Endpoint endpoint, List<BinderRegistration> rows, Duration timeout) {
        boolean alive = rows.stream().allMatch(BinderRegistration::alive);
        double seen = rows.stream().mapToDouble(BinderRegistration::secondsSinceSeen).min().orElse(0);
        List<String> names = rows.stream().map(BinderRegistration::name).sorted().toList();
        if (!alive) {
            return new ServerView(endpoint, false, seen, names, ServerView.Kind.DEAD, null, null, -1);
        }
        if (names.stream().noneMatch(ChatProcedures.REGISTERED::contains)) {
            int known = names.contains(ChatProcedures.BINDER_PEER) ? serversKnownBy(endpoint, timeout) : -1;
            return new ServerView(endpoint, true, seen, names, ServerView.Kind.OTHER, null, null, known);
        }
        try {
            ServerStatus status = ServerStatus.fromWire(new RpcClient(endpoint, timeout).call(ChatProcedures.SERVER_STATUS));
            return new ServerView(endpoint, true, seen, names, ServerView.Kind.JAVA, status, null, -1);
        } catch (RpcFault withoutTheExtension) {
            return new ServerView(endpoint, true, seen, names, ServerView.Kind.ORIGINAL, null, null, -1);
        } catch (RpcTransportException e) {
            return new ServerView(endpoint, true, seen, names, ServerView.Kind.NO_ANSWER, null, RpcException.innermostMessage(e), -1);
        } catch (IllegalArgumentException e) {
            return new ServerView(endpoint, true, seen, names, ServerView.Kind.NO_ANSWER, null,
                    "server_status answered something else: " + e.getMessage(), -1);
        }
    }

    /** How many live chat servers another Binder of the deployment knows; -1 when it does not say. */
    private static int serversKnownBy(Endpoint binder, Duration timeout) {
        try {
            return (int) new BinderClient(binder, timeout).registrations().stream()
                    .filter(row -> row.alive() && ChatProcedures.REGISTERED.contains(row.name()))
                    .map(BinderRegistration::endpoint).distinct().count();
        } catch (RpcException | IllegalArgumentException e) {
            return -1;
        }
    }
}
