package chat.common.cli;

import chat.common.Endpoint;
import picocli.CommandLine.Option;

/**
 * Where the Binder is, for every program that asks one: {@code --binder-host} and {@code --binder-port},
 * defaulting to {@code $CHAT_BINDER_HOST} and {@code $CHAT_BINDER_PORT}, else {@code localhost:5000}.
 */
public final class BinderAddressOptions {
    /** Where the Binder is looked for when neither the option nor the environment says. */
    public static final String DEFAULT_HOST = "localhost";
    /** The Binder's conventional port, as in the original. */
    public static final int DEFAULT_PORT = 5000;

    @Option(names = "--binder-host", paramLabel = "HOST", defaultValue = "${env:CHAT_BINDER_HOST:-" + DEFAULT_HOST + "}",
            description = "The Binder's address (default: ${DEFAULT-VALUE}; env CHAT_BINDER_HOST).")
    String host = DEFAULT_HOST;

    @Option(names = "--binder-port", paramLabel = "PORT", defaultValue = "${env:CHAT_BINDER_PORT:-" + DEFAULT_PORT + "}",
            description = "The Binder's port (default: ${DEFAULT-VALUE}; env CHAT_BINDER_PORT).")
    int port = DEFAULT_PORT;

    /**
     * The Binder these options name.
     *
     * @return its host and port
     * @throws IllegalArgumentException for a blank host or a port outside 1-65535, saying which
     */
    public Endpoint endpoint() {
        return new Endpoint(host, port);
    }
}
