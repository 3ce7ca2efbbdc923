package chat.server;

import chat.common.Endpoint;
import chat.common.Foreground;
import chat.common.cli.HttpLimitOptions;
import java.io.IOException;
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

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on (default: a free one).")
    int port;

    @Option(names = "--advertised-host", description = "Address to register with the Binder when it differs from --host (NAT, containers, 0.0.0.0).")
    String advertisedHost;

    @Option(names = "--binder-host", defaultValue = "${env:CHAT_BINDER_HOST:-localhost}",
            description = "The Binder's address (default: ${DEFAULT-VALUE}).")
    String binderHost;

    @Option(names = "--binder-port", defaultValue = "${env:CHAT_BINDER_PORT:-5000}",
            description = "The Binder's port (default: ${DEFAULT-VALUE}).")
    int binderPort;

    @Option(names = "--room-ttl", defaultValue = "300", paramLabel = "SECONDS",
            description = "Remove rooms empty for longer than this (default: ${DEFAULT-VALUE} s).")
    double roomTtlSeconds;

    @Option(names = "--history-limit", defaultValue = "" + ServerConfig.DEFAULT_HISTORY_LIMIT, paramLabel = "N",
            description = "Messages each room keeps (default: ${DEFAULT-VALUE}).")
    int historyLimit;

    @Mixin
    HttpLimitOptions httpLimits;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    static CommandLine commandLine(Main main) {
        return new CommandLine(main).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("server: " + e.getMessage());
            return 1;
        });
    }

    /** The configuration the options describe; refuses impossible values with a clear message. */
    ServerConfig config() {
        if (roomTtlSeconds <= 0) {
            throw new IllegalArgumentException("--room-ttl must be positive");
        }
        return new ServerConfig(host, port, advertisedHost, new Endpoint(binderHost, binderPort),
                Duration.ofMillis(Math.round(roomTtlSeconds * 1000)), historyLimit, httpLimits.limits());
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
            spec.commandLine().getErr().println("server: " + e.getMessage());
            return 1;
        }
        Foreground.serveUntilStopped(server, "server", spec.commandLine().getOut(),
                "Servidor executando na porta " + server.port() + " (chat server listening on "
                + config.host() + ":" + server.port() + ", Binder at " + config.binder() + ")");
        return 0;
    }
}
