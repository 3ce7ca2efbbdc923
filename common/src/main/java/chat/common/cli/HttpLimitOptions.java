package chat.common.cli;

import chat.common.rpc.HttpLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The command-line options for {@link HttpLimits}, shared by every program that serves XML-RPC. */
public final class HttpLimitOptions {
    private static final HttpLimits D = HttpLimits.DEFAULTS;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "32",
            description = "Worker threads: calls processed at once that may wait (the clustered store's, and any"
                    + " request over 16 KiB); the others run on the I/O threads (default: ${DEFAULT-VALUE}).")
    int workers = D.workers();

    @Option(names = "--max-request-bytes", paramLabel = "BYTES", defaultValue = "262144",
            description = "Largest request body accepted; larger gets HTTP 413 (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes = D.maxRequestBytes();

    @Option(names = "--max-header-bytes", paramLabel = "BYTES", defaultValue = "8192",
            description = "Largest request line or header section accepted; larger gets HTTP 431 (default: ${DEFAULT-VALUE}).")
    int maxHeaderBytes = D.maxHeaderBytes();

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time a client may take to send one whole request; slower gets HTTP 408 and is disconnected (default: ${DEFAULT-VALUE}).")
    double requestTimeoutSeconds = D.requestTimeout().toMillis() / 1000.0;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "16384",
            description = "Connections open at once; more get HTTP 503 and are closed (default: ${DEFAULT-VALUE}).")
    int maxConnections = D.maxConnections();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Time a keep-alive connection may sit idle before it is closed (default: ${DEFAULT-VALUE}).")
    double idleTimeoutSeconds = D.idleTimeout().toMillis() / 1000.0;

    /**
     * The limits these options describe.
     *
     * @return the limits
     * @throws IllegalArgumentException for an impossible value, with the option's meaning
     */
    public HttpLimits limits() {
        return new HttpLimits(workers, maxRequestBytes, maxHeaderBytes, seconds(requestTimeoutSeconds),
                maxConnections, seconds(idleTimeoutSeconds));
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
