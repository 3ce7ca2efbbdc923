package chat.server;

import chat.common.AnyBinder;
import chat.common.Endpoint;
import chat.common.KeptPlace;
import chat.common.ServerStatus;
import chat.common.catalogue.ChatCatalogue;
import chat.common.rpc.RpcClient;
import chat.common.rpc.RpcException;
import chat.server.cluster.ShortDigest;
import chat.server.persist.DatabaseProblem;
import chat.server.persist.Persistence;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a server that joins a cluster keeps the chat. Each member writes the rooms and names it owns to its own
 * database, so members keeping one chat in different places would each hold a piece of it, and the chat started
 * again from one of those places would miss the rest. Before its member starts, a joining server asks a running
 * member where it keeps the chat ({@code server_status}), and:
 * <ul>
 * <li>goes on as it is when it would keep the chat in the same place;</li>
 * <li>keeps the chat in the members' file instead of its own, saying so at INFO, when they keep it in an SQLite
 * file on this machine (a server started by hand beside the ones the scripts started, which keep the chat in
 * their run directory, say);</li>
 * <li>goes on, with one WARN, when they keep it in SQLite files on other machines: each machine's file then keeps
 * a piece, and only a PostgreSQL database keeps the chat of several machines in one place;</li>
 * <li>refuses to start, with one line saying what to give, in every other case: memory only beside a kept chat
 * or the other way round, another database, a file beside a database.</li>
 * </ul>
 * A cluster whose members do not say (servers older than this check) is joined as before.
 */
final class ClusterKeeping {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterKeeping.class);
    /** The chat servers asked at most, one after another, before joining without an answer. */
    private static final int SERVERS_ASKED = 8;
    /** Where systemd, then D-Bus, keep the machine's id. */
    private static final List<Path> MACHINE_ID_FILES = List.of(Path.of("/etc/machine-id"),
            Path.of("/var/lib/dbus/machine-id"));
    private static final String MACHINE_DIGEST_PREFIX = "chat-distribuido machine ";

    private ClusterKeeping() {
    }

    /**
     * Asks the chat servers registered with the Binder, one after another, until a cluster member says where it
     * keeps the chat. Standalone servers, the Python original's and servers that do not answer are passed over.
     *
     * @param binder  the Binders of the cluster
     * @param timeout how long each call may take
     * @return where the cluster's members keep the chat; empty when none said
     */
    static Optional<KeptPlace> ask(AnyBinder binder, Duration timeout) {
        List<Endpoint> servers;
        try {
            servers = binder.lookupAll(ChatCatalogue.REGISTER_USER.name());
        } catch (RpcException e) {
            LOG.debug("cannot ask the Binder for the chat servers: {}", e.getMessage());
            return Optional.empty();
        }
        for (Endpoint server : servers.subList(0, Math.min(servers.size(), SERVERS_ASKED))) {
            try {
                ServerStatus status = ServerStatus.fromWire(new RpcClient(server, timeout)
                        .call(ChatCatalogue.SERVER_STATUS.name()));
                if (status.cluster() != null && status.cluster().kept() != null) {
                    return Optional.of(status.cluster().kept());
                }
            } catch (RpcException | IllegalArgumentException e) {
                LOG.debug("the chat server at {} does not say where it keeps the chat: {}", server, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Where a server keeps the chat, as it tells the servers that join it.
     *
     * @param persistence what the server was told
     * @param file        the SQLite file, for a data directory (null otherwise)
     * @param machine     this machine ({@link #thisMachine()})
     * @return the place
     */
    static KeptPlace place(Persistence persistence, Path file, String machine) {
        if (persistence instanceof Persistence.Database database) {
            return KeptPlace.database(database.shownUrl());
        }
        if (persistence instanceof Persistence.DataDirectory) {
            return KeptPlace.file(machine, file.toAbsolutePath().normalize().toString());
        }
        return KeptPlace.MEMORY_ONLY;
    }

    /**
     * The file a joining server keeps the chat in, agreed with where its cluster keeps it (see the class comment).
     *
     * @param mine    what this server was told
     * @param file    the SQLite file this server would use, for a data directory (null otherwise)
     * @param theirs  where the cluster's members keep the chat
     * @param machine this machine ({@link #thisMachine()})
     * @return the SQLite file to use: {@code file}, or the members' file on this machine; null when not a file
     * @throws DatabaseProblem the server must not join: the message says what to give
     */
    static Path agree(Persistence mine, Path file, KeptPlace theirs, String machine) throws DatabaseProblem {
        KeptPlace own = place(mine, file, machine);
        if (own.equals(theirs)) {
            return file;
        }
        String others = "the other servers of this chat keep it in " + theirs.label();
        return switch (theirs.kind()) {
            case MEMORY -> throw new DatabaseProblem(others + ", and this one would keep it in " + own.label()
                    + ": start it with --memory-only too, or stop them and start every server keeping the chat");
            case DATABASE -> throw new DatabaseProblem(others + ", and this one would keep it in " + own.label()
                    + ": give it the same --database (one chat is kept in one place)");
            case FILE -> {
                if (own.kind() != KeptPlace.Kind.FILE) {
                    throw new DatabaseProblem(others + (theirs.machine().equals(machine) ? "" : " on another machine")
                            + ", and this one would keep it in " + own.label() + ": start it with neither --memory-only"
                            + " nor --database (or give every server the same --database)");
                }
                Path theirFile = Path.of(theirs.where());
                if (theirs.machine().equals(machine) && Files.isRegularFile(theirFile)) {
                    if (sameFile(file, theirFile)) {
                        yield file;
                    }
                    LOG.info("{}: this server keeps it there too, not in {} (one chat is kept in one place)", others,
                            file);
                    yield theirFile;
                }
                LOG.warn("{} on other machines, and this server keeps its share in {}: started again from one"
                        + " machine's file, the chat misses what the others hold. Give every server the same"
                        + " --database to keep it in one place", others, file);
                yield file;
            }
        };
    }

    private static boolean sameFile(Path one, Path other) {
        try {
            return Files.exists(one) && Files.isSameFile(one, other);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A name for this machine, the same for every program on it and different on another: the first 16 hex
     * digits of SHA-256 over a fixed prefix and the machine's id (systemd's or D-Bus's), else its host name. The
     * id itself is not shown to other servers.
     *
     * @return the name
     */
    static String thisMachine() {
        String id = null;
        for (Path file : MACHINE_ID_FILES) {
            try {
                String read = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (!read.isEmpty()) {
                    id = read;
                    break;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("no machine id in {}: {}", file, e.toString());
            }
        }
        if (id == null) {
            try {
                id = "host " + InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                id = "host unknown";
            }
        }
        return ShortDigest.of(MACHINE_DIGEST_PREFIX, id);
    }
}
