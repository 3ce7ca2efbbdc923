package chat.binder;

import chat.common.cli.HttpLimitOptions;
import java.io.IOException;
import java.util.concurrent.Callable;
import chat.common.Foreground;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar binder.jar}: runs a Binder until interrupted. */
@Command(name = "binder", mixinStandardHelpOptions = true, version = "binder 1.0.0",
        description = "Runs the Binder: the registry where chat servers register their procedures and clients look them up.")
public final class Main implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "${env:CHAT_BINDER_HOST:-localhost}",
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "${env:CHAT_BINDER_PORT:-5000}",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 for a free one).")
    int port;

    @Mixin
    HttpLimitOptions httpLimits;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    static CommandLine commandLine(Main main) {
        return new CommandLine(main).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("binder: " + e.getMessage());
            return 1;
        });
    }

    /** The configuration the options describe. */
    BinderConfig config() {
        return new BinderConfig(host, port, httpLimits.limits());
    }

    @Override
    public Integer call() throws InterruptedException {
        BinderServer server;
        try {
            server = BinderServer.start(config());
        } catch (IOException e) {
            spec.commandLine().getErr().println("binder: cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another Binder running there? try --port)");
            return 1;
        }
        Foreground.serveUntilStopped(server, "binder", spec.commandLine().getOut(),
                "Binder executando na porta " + server.port() + " (Binder listening on " + server.endpoint() + ")");
        return 0;
    }
}
