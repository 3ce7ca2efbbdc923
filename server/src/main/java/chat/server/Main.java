package chat.server;

import chat.common.Foreground;
import chat.common.cli.BinderAddressOptions;
import chat.common.cli.HttpLimitOptions;
import chat.common.cli.ListeningPort;
import chat.common.cli.SecretFile;
import chat.common.cli.UsageErrors;
import chat.server.persist.Persistence;
import chat.server.store.StoreKind;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar server.jar}: runs a chat server registered with a Binder until interrupted. */
@Command(name = "server", mixinStandardHelpOptions = true, version = "server 1.0.0",
        description = "Runs a chat server: picks a free port (unless told one), registers its procedures with the Binder, and serves users, rooms and messages.")
public final class Main implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "${env:CHAT_SERVER_HOST:-localhost}",
            description = "Address to bind and to register with the Binder (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "0", converter = ListeningPort.class,
            description = "Port to listen on (default: a free one).")
    int port;

    @Option(names = "--advertised-host", description = "Address to register with the Binder when it differs from --host (NAT, containers, 0.0.0.0).")
    String advertisedHost;

    @Mixin
    BinderAddressOptions binderAddress;

    @Option(names = "--room-ttl", defaultValue = "300", paramLabel = "SECONDS",
            description = "Remove rooms empty for longer than this (default: ${DEFAULT-VALUE} s).")
    double roomTtlSeconds;

    @Option(names = "--history-limit", defaultValue = "" + ServerConfig.DEFAULT_HISTORY_LIMIT, paramLabel = "N",
            description = "Messages each room keeps (default: ${DEFAULT-VALUE}).")
    int historyLimit;

    @Option(names = "--idle-leave", defaultValue = "" + 60, paramLabel = "SECONDS",
            description = "A user with no call for this long leaves its rooms, with the usual notice (default: ${DEFAULT-VALUE} s).")
    double idleLeaveSeconds;

    @Option(names = "--idle-free", defaultValue = "" + 1800, paramLabel = "SECONDS",
            description = "A user with no call for this long loses its name (and session); longer than --idle-leave"
                    + " (default: ${DEFAULT-VALUE} s).")
    double idleFreeSeconds;

    @Option(names = "--reregister-every", defaultValue = "5", paramLabel = "SECONDS",
            description = "Check this often that the Binder still has this server, and register again when it does not,"
                    + " so a restarted Binder finds this server (default: ${DEFAULT-VALUE} s; 0: register only at start).")
    double reRegisterSeconds;

    @Option(names = "--standalone", defaultValue = "${env:CHAT_SERVER_STANDALONE:-false}", fallbackValue = "true",
            arity = "0..1", paramLabel = "true|false",
            description = "Keep this server's chat in its own memory, apart from the other servers of its Binder: the"
                    + " fastest start, a chat of its own (default: $CHAT_SERVER_STANDALONE, else false: every server of"
                    + " the Binder shares one chat through an embedded Hazelcast member).")
    boolean standalone;

    /** What {@code --standalone=false} says, kept for the command lines written when sharing was opt-in. */
    @Option(names = "--cluster", hidden = true, fallbackValue = "true", arity = "0..1", paramLabel = "true|false")
    Boolean cluster;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:" + Persistence.DATA_DIR_VARIABLE + "}",
            description = "Keep the chat in an SQLite file in this directory, named after the Binder's address, so it"
                    + " outlives every server; the servers of one chat on this machine share the file (default: $"
                    + Persistence.DATA_DIR_VARIABLE + ", else $XDG_DATA_HOME/chat-distribuido, else"
                    + " ~/.local/share/chat-distribuido).")
    Path dataDir;

    @Option(names = "--database", paramLabel = "JDBC_URL", defaultValue = "${env:" + Persistence.DATABASE_VARIABLE + "}",
            description = "Keep the shared chat in this PostgreSQL database instead, for servers on several machines"
                    + " (jdbc:postgresql://HOST:PORT/DB?user=...; default: $" + Persistence.DATABASE_VARIABLE + ").")
    String database;

    @Option(names = "--memory-only",
            description = "Keep the chat in the servers' memory only, gone when the last one stops (demos, the fastest"
                    + " tests).")
    boolean memoryOnly;

    @Option(names = "--sessions", defaultValue = "open", paramLabel = "POLICY",
            description = "Which calls without a session token (X-Chat-Session header) to answer: open (all, as the"
                    + " original; default), protect (not those acting as a user that holds a session), require (none"
                    + " but register_session: Python clients are refused).")
    String sessions;

    @Mixin
    ChatLimitOptions chatLimits;

    @Mixin
    HttpLimitOptions httpLimits;

    @Option(names = "--binder-secret", paramLabel = "SECRET", defaultValue = "${env:CHAT_BINDER_SECRET}",
            description = "Secret to register with, for a Binder that asks servers for one (default: $CHAT_BINDER_SECRET;"
                    + " unset or empty: register without one, as the original does). Other users of the machine can"
                    + " read a command line: prefer the variable or --binder-secret-file.")
    String binderSecret;

    @Option(names = "--binder-secret-file", paramLabel = "PATH",
            description = "Read the Binder secret from the first line of this file (instead of $CHAT_BINDER_SECRET).")
    Path binderSecretFile;

    @Spec
    CommandSpec spec;

    /**
     * Runs a chat server as the command line says, until interrupted; exits with the command's status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    static CommandLine commandLine(Main main) {
        return UsageErrors.install(new CommandLine(main)).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("server: " + e.getMessage());
            return 1;
        });
    }

    /** The configuration the options describe; refuses impossible values with a clear message. */
    ServerConfig config() {
        if (roomTtlSeconds <= 0) {
            throw new IllegalArgumentException("--room-ttl must be positive");
        }
        if (!(reRegisterSeconds >= 0) || (reRegisterSeconds > 0 && reRegisterSeconds < 0.001)) {
            throw new IllegalArgumentException("--reregister-every must be 0 (only at start) or at least 0.001 seconds");
        }
        if (!(idleLeaveSeconds > 0)) {
            throw new IllegalArgumentException("--idle-leave must be positive");
        }
        if (!(idleFreeSeconds > idleLeaveSeconds)) {
            throw new IllegalArgumentException("--idle-free must be longer than --idle-leave");
        }
        IdleTimes idle = new IdleTimes(Duration.ofMillis(Math.round(idleLeaveSeconds * 1000)),
                Duration.ofMillis(Math.round(idleFreeSeconds * 1000)));
        return new ServerConfig(host, port, advertisedHost, binderAddress.binders(),
                Duration.ofMillis(Math.round(roomTtlSeconds * 1000)), historyLimit, httpLimits.limits(),
                chatLimits.limits(), secret(), idle, sessionPolicy(),
                Duration.ofMillis(Math.round(reRegisterSeconds * 1000)), storeKind(), persistence());
    }

    /** Where the chat is kept beyond memory: in the data directory unless told otherwise. */
    private Persistence persistence() {
        boolean databaseGiven = database != null && !database.isEmpty();
        if (memoryOnly && (matched("--data-dir") || matched("--database"))) {
            throw new IllegalArgumentException("give --memory-only or where to keep the chat, not both");
        }
        if (matched("--data-dir") && matched("--database")) {
            throw new IllegalArgumentException("give --data-dir or --database, not both");
        }
        if (memoryOnly) {
            return Persistence.MEMORY_ONLY;
        }
        if (databaseGiven && !matched("--data-dir")) {
            if (storeKind() == StoreKind.MEMORY) {
                if (matched("--database")) {
                    throw new IllegalArgumentException("--database keeps the shared chat; a standalone server keeps"
                            + " its own in --data-dir");
                }
            } else {
                return new Persistence.Database(database);
            }
        }
        return new Persistence.DataDirectory(dataDir != null && !dataDir.toString().isEmpty()
                ? dataDir : Persistence.defaultDirectory(System.getenv(), System.getProperty("user.home")));
    }

    private StoreKind storeKind() {
        if (cluster != null && cluster == standalone && matched("--standalone")) {
            throw new IllegalArgumentException("--cluster=" + cluster + " contradicts --standalone=" + standalone
                    + " (servers share one chat by default; --standalone keeps a chat of its own)");
        }
        return standalone || Boolean.FALSE.equals(cluster) ? StoreKind.MEMORY : StoreKind.CLUSTER;
    }

    private boolean matched(String option) {
        return spec != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private SessionPolicy sessionPolicy() {
        return switch (sessions == null ? "open" : sessions) {
            case "open" -> SessionPolicy.OPEN;
            case "protect" -> SessionPolicy.PROTECT;
            case "require" -> SessionPolicy.REQUIRE;
            default -> throw new IllegalArgumentException("--sessions must be open, protect or require, got '"
                    + sessions + "'");
        };
    }

    /** The Binder secret: from the file when one is named, else the option or the environment; null for none. */
    private String secret() {
        if (binderSecretFile == null) {
            return binderSecret == null || binderSecret.isEmpty() ? null : binderSecret;
        }
        if (matched("--binder-secret")) {
            throw new IllegalArgumentException("give --binder-secret or --binder-secret-file, not both");
        }
        return SecretFile.firstLine(binderSecretFile, "--binder-secret-file");
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("server: " + e.getMessage());
            return 2;
        }
        ChatServer server;
        try {
            server = ChatServer.start(config);
        } catch (IOException e) {
            spec.commandLine().getErr().println("server: " + e.getMessage() + (e instanceof BindException
                    ? " (another program listens there: choose another --port, or 0 for a free one)" : ""));
            return 1;
        }
        String mode = server.clusterMember()
                .map(member -> ", cluster member " + member.address() + " of "
                        + member.hazelcast().getCluster().getMembers().size())
                .orElse("") + server.keptIn().map(where -> ", chat kept in " + where).orElse(", chat in memory only");
        Foreground.serveUntilStopped(server, "server", spec.commandLine().getOut(),
                "Servidor executando na porta " + server.port() + " (chat server listening on "
                + config.host() + ":" + server.port() + (config.binders().size() == 1 ? ", Binder at " : ", Binders at ")
                + config.binders() + mode + ")");
        return 0;
    }
}
