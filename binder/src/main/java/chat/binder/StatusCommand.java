package chat.binder;

import chat.common.BinderClient;
import chat.common.Binders;
import chat.common.Endpoint;
import chat.common.cli.BinderAddressOptions;
import chat.common.rpc.RpcFault;
import chat.common.rpc.RpcTransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code binder status}: what a running Binder knows of the deployment, and what each server says of itself. */
@Command(name = "status", mixinStandardHelpOptions = true, version = "binder 1.0.0",
        description = "Shows every chat server registered with a running Binder (one that registered a chat procedure),"
                + " grouped by address: alive or dead, the names it registered, and for a live Java chat server its"
                + " users, rooms, waiting calls, store and cluster membership (a Python server shows as \"original,"
                + " no status\"); then the other registrations, such as cluster members' addresses, which are not"
                + " servers of their own.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the Binder answered (whatever the servers' state)",
                "1:the Binder cannot be reached, or cannot list its registrations (a Python Binder)",
                "2:wrong options"})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    BinderAddressOptions binderAddress;

    @Option(names = "--json", description = "Print one JSON object instead of lines for a person.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "2",
            description = "How long the Binder, and each server, may take to answer (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(timeoutSeconds >= 0.001) || timeoutSeconds > 3600) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--timeout must be between 0.001 and 3600 seconds, got " + timeoutSeconds);
        }
        Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        Binders binders = binderAddress.binders();
        RpcFault refused = null;
        for (Endpoint binder : binders.endpoints()) {
            List<ServerView> servers;
            try {
                servers = Survey.of(new BinderClient(binder, timeout), timeout);
            } catch (RpcFault e) {
                refused = refused == null ? e : refused;
                continue;
            } catch (RpcTransportException e) {
                continue;
            }
            spec.commandLine().getOut().print(json ? StatusReport.json(binder, servers)
                    : StatusReport.text(binder, servers));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (refused != null) {
            spec.commandLine().getErr().println("binder status: " + (binders.size() == 1 ? "the Binder at " + binders + " cannot"
                    : "none of the Binders at " + binders + " could") + " list its registrations ("
                    + refused.faultString() + "); only this port's Binder can (a Python Binder cannot)");
            return 1;
        }
        spec.commandLine().getErr().println("binder status: no Binder answers at " + binders
                + " (is it running? see --binder, or --binder-host and --binder-port)");
        return 1;
    }
}
