package chat.binder;

import chat.common.Endpoint;
import chat.common.Foreground;
import chat.common.cli.HttpLimitOptions;
import chat.common.cli.ListeningPort;
import chat.common.cli.SecretFile;
import chat.common.cli.UsageErrors;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar binder.jar}: runs a Binder until interrupted. */
@Command(name = "binder", mixinStandardHelpOptions = true, version = "binder 1.0.0", subcommands = StatusCommand.class,
        description = {"Runs the Binder: the registry where chat servers register their procedures and clients look them up.",
                "\"binder status\" shows the servers registered with a running Binder."})
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** Shorter secrets start the Binder, with a warning. */
    static final int MIN_SECRET_LENGTH = 16;

    @Option(names = "--host", defaultValue = "${env:CHAT_BINDER_HOST:-localhost}",
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "${env:CHAT_BINDER_PORT:-5000}", converter = ListeningPort.class,
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 for a free one).")
    int port;

    @Option(names = "--allow-register", paramLabel = "CIDR", split = ",",
            description = "Addresses that may register procedures: IP addresses or CIDR blocks, IPv4 or IPv6,"
                    + " comma-separated or repeated (e.g. 127.0.0.0/8,::1,10.1.0.0/16); 'none' for secret-only"
                    + " (default: this machine only, 127.0.0.0/8 and ::1). Looking up is open to everyone.")
    List<String> allowRegister;

    @Option(names = "--allow-register-from-anywhere",
            description = "Let every address register procedures, as the original Binder does: anyone who reaches"
                    + " the Binder can then take over any name.")
    boolean allowRegisterFromAnywhere;

    @Option(names = "--secret", paramLabel = "SECRET", defaultValue = "${env:CHAT_BINDER_SECRET}",
            description = "A secret that lets a caller register from any address by presenting it as the fourth"
                    + " argument of register_procedure (default: $CHAT_BINDER_SECRET; prefer it, or --secret-file,"
                    + " to this option, which other users of the machine can see).")
    String secret;

    @Option(names = "--secret-file", paramLabel = "PATH",
            description = "Read the secret from the first line of this file (surrounding spaces removed).")
    Path secretFile;

    @Option(names = "--max-registrations", paramLabel = "N", defaultValue = "10000",
            description = "Distinct procedure names the Binder holds; registering a new name beyond that is"
                    + " refused, registering a held name again always works (default: ${DEFAULT-VALUE}).")
    int maxRegistrations;

    @Option(names = "--probe-every", paramLabel = "SECONDS", defaultValue = "1",
            description = "Probe every registered server (a TCP connection) this often; 0 turns probing off and every"
                    + " registration is handed out until it is unregistered (default: ${DEFAULT-VALUE}).")
    double probeEverySeconds;

    @Option(names = "--probe-timeout", paramLabel = "SECONDS", defaultValue = "1",
            description = "How long one probe waits for the connection (default: ${DEFAULT-VALUE}).")
    double probeTimeoutSeconds;

    @Option(names = "--probe-failures", paramLabel = "N", defaultValue = "2",
            description = "Unanswered probes in a row after which a server is no longer handed out; it is again as"
                    + " soon as it answers (default: ${DEFAULT-VALUE}).")
    int probeFailures;

    @Option(names = "--forget-after", paramLabel = "SECONDS", defaultValue = "300",
            description = "A server that has not answered for this long is dropped from the Binder"
                    + " (default: ${DEFAULT-VALUE}).")
    double forgetAfterSeconds;

    @Option(names = "--peer", paramLabel = "HOST:PORT", split = ",", defaultValue = "${env:CHAT_BINDER_PEERS}",
            description = "Another Binder of the same deployment (repeat, or separate with commas; default:"
                    + " $CHAT_BINDER_PEERS): each shares with the other every server registered with it, and the"
                    + " Binders it knows, so one peer is enough. Give every Binder the same --secret, or allow"
                    + " the peers' addresses with --allow-register: a peer is admitted as a server is.")
    List<String> peers;

    @Option(names = "--advertised-host", paramLabel = "HOST", defaultValue = "${env:CHAT_BINDER_ADVERTISED_HOST}",
            description = "The address this Binder gives its peers for itself, where --host is not one they reach"
                    + " (0.0.0.0, NAT, containers; default: $CHAT_BINDER_ADVERTISED_HOST, else --host).")
    String advertisedHost;

    @Option(names = "--standby",
            description = "When --port is taken by another Binder, stand by for it instead of stopping: serve on a"
                    + " free port as its peer (knowing every registration it holds), and take the port over the"
                    + " moment it is freed, so programs that know only that port (the Python originals) go on.")
    boolean standby;

    @Option(names = "--share-every", paramLabel = "SECONDS", defaultValue = "2",
            description = "Share with the peers this often (default: ${DEFAULT-VALUE}).")
    double shareEverySeconds;

    @Mixin
    HttpLimitOptions httpLimits;

    @Spec
    CommandSpec spec;

    /**
     * Runs the Binder, or {@code binder status}, as the command line says; exits with the command's status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    static CommandLine commandLine(Main main) {
        return UsageErrors.install(new CommandLine(main)).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("binder: " + e.getMessage());
            return 1;
        });
    }

    /** The configuration the options describe. */
    BinderConfig config() {
        return BinderConfig.builder().host(host).port(port).httpLimits(httpLimits.limits()).registration(registration())
                .maxRegistrations(maxRegistrations).liveness(liveness()).peering(peering()).build();
    }

    /** The peers and how often to share with them; a peer that is not HOST:PORT is a usage error. */
    Peering peering() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String value : peers == null ? List.<String>of() : peers) {
            String peer = value.strip();
            if (peer.isEmpty()) {
                continue;
            }
            try {
                endpoints.add(Endpoint.parse(peer));
            } catch (IllegalArgumentException e) {
                throw usageError("Invalid value for option '--peer': " + e.getMessage());
            }
        }
        return new Peering(endpoints, secret(), seconds("--share-every", shareEverySeconds, false),
                advertisedHost == null || advertisedHost.isBlank() ? null : advertisedHost);
    }

    /** The liveness rules from the four probe options; impossible values are usage errors naming the option. */
    Liveness liveness() {
        Duration every = seconds("--probe-every", probeEverySeconds, true);
        Duration timeout = seconds("--probe-timeout", probeTimeoutSeconds, false);
        Duration forget = seconds("--forget-after", forgetAfterSeconds, false);
        if (probeFailures < 1) {
            throw usageError("--probe-failures must be at least 1, got " + probeFailures);
        }
        return new Liveness(every, timeout, probeFailures, forget);
    }

    private Duration seconds(String option, double value, boolean zeroAllowed) {
        if (!(value >= 0) || value > 86_400 || (!zeroAllowed && value < 0.001) || (value > 0 && value < 0.001)) {
            throw usageError(option + " must be " + (zeroAllowed ? "0 or " : "") + "between 0.001 and 86400 seconds,"
                    + " got " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    /** Who may register, from the four registration options; contradictions are usage errors. */
    RegistrationPolicy registration() {
        RegistrationPolicy policy;
        if (allowRegisterFromAnywhere) {
            if (allowRegister != null) {
                throw usageError("use either --allow-register or --allow-register-from-anywhere, not both");
            }
            policy = RegistrationPolicy.fromAnywhere();
        } else if (allowRegister == null) {
            policy = RegistrationPolicy.loopbackOnly();
        } else {
            policy = RegistrationPolicy.allowing(allowedBlocks());
        }
        return policy.withSecret(secret());
    }

    private List<AddressBlock> allowedBlocks() {
        List<String> values = allowRegister.stream().map(String::strip).toList();
        if (values.contains("none")) {
            if (values.size() > 1) {
                throw usageError("--allow-register none cannot be combined with addresses");
            }
            return List.of();
        }
        List<AddressBlock> blocks = new ArrayList<>();
        for (String value : values) {
            try {
                blocks.add(AddressBlock.parse(value));
            } catch (IllegalArgumentException e) {
                throw usageError("Invalid value for option '--allow-register': " + e.getMessage());
            }
        }
        return blocks;
    }

    /** The secret from --secret-file, else --secret, else $CHAT_BINDER_SECRET; null when none is set. */
    private String secret() {
        boolean givenOnCommandLine = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--secret");
        if (secretFile != null) {
            if (givenOnCommandLine) {
                throw usageError("use either --secret or --secret-file, not both");
            }
            return SecretFile.firstLine(secretFile, "--secret-file");
        }
        if (secret == null || (secret.isEmpty() && !givenOnCommandLine)) {
            return null;  // $CHAT_BINDER_SECRET unset or empty: no secret
        }
        return secret;
    }

    private CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws InterruptedException {
        BinderConfig config = config();
        String secret = secret();
        if (secret != null && secret.codePointCount(0, secret.length()) < MIN_SECRET_LENGTH) {
            LOG.warn("the Binder's secret is shorter than {} characters: whoever can reach the Binder may guess it;"
                    + " use a long random one", MIN_SECRET_LENGTH);
        }
        BinderServer server;
        String ready;
        try {
            server = BinderServer.start(config);
            ready = "Binder executando na porta " + server.port() + " (Binder listening on " + server.endpoint() + ")";
        } catch (BindException taken) {
            if (!standby || port == 0) {
                spec.commandLine().getErr().println("binder: " + taken.getMessage()
                        + " (is another Binder running there? try --port, or --standby to stand by for it)");
                return 1;
            }
            try {
                server = BinderServer.standBy(config);
            } catch (IOException e) {
                spec.commandLine().getErr().println("binder: " + e.getMessage());
                return 1;
            }
            ready = "Binder de reserva na porta " + server.port() + " (Binder listening on " + server.endpoint()
                    + ", standing by for " + host + ":" + port + ")";
        } catch (IOException e) {
            spec.commandLine().getErr().println("binder: " + e.getMessage());
            return 1;
        }
        Foreground.serveUntilStopped(server, "binder", spec.commandLine().getOut(), ready);
        return 0;
    }
}
