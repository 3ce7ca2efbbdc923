package chat.common.cli;

import chat.common.Binders;
import chat.common.Endpoint;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Where the Binders are, for every program that asks one: {@code --binder HOST:PORT[,HOST:PORT...]} for a deployment
 * of one Binder or several (default {@code $CHAT_BINDER}), or {@code --binder-host} and {@code --binder-port} for one
 * (defaulting to {@code $CHAT_BINDER_HOST} and {@code $CHAT_BINDER_PORT}), else {@code localhost:5000}. What is given
 * on the command line wins over the environment; giving both forms on the command line is a mistake.
 */
public final class BinderAddressOptions {
    /** Where the Binder is looked for when neither the option nor the environment says. */
    public static final String DEFAULT_HOST = "localhost";
    /** The Binder's conventional port, as in the original. */
    public static final int DEFAULT_PORT = 5000;
    /** The Binder at {@code localhost:5000}, alone: where the original's programs all look. */
    public static final Binders DEFAULT_BINDERS = Binders.of(new Endpoint(DEFAULT_HOST, DEFAULT_PORT));

    @Option(names = "--binder", paramLabel = "HOST:PORT[,HOST:PORT...]", defaultValue = "${env:CHAT_BINDER}",
            description = "The Binders of the deployment, in the order they are tried (default: $CHAT_BINDER, else"
                    + " --binder-host and --binder-port). A server registers with every one; a client looks up in"
                    + " the first that answers.")
    String list;

    @Option(names = "--binder-host", paramLabel = "HOST", defaultValue = "${env:CHAT_BINDER_HOST:-" + DEFAULT_HOST + "}",
            description = "The Binder's address (default: ${DEFAULT-VALUE}; env CHAT_BINDER_HOST).")
    String host = DEFAULT_HOST;

    @Option(names = "--binder-port", paramLabel = "PORT", defaultValue = "${env:CHAT_BINDER_PORT:-" + DEFAULT_PORT + "}",
            description = "The Binder's port (default: ${DEFAULT-VALUE}; env CHAT_BINDER_PORT).")
    int port = DEFAULT_PORT;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The Binders these options name: {@code --binder} when given, else {@code --binder-host} and
     * {@code --binder-port} when either is given, else {@code $CHAT_BINDER} when set, else the Binder of the
     * other two's defaults.
     *
     * @return the Binders, in the order they are tried
     * @throws IllegalArgumentException for both forms on the command line, an address that is not
     *                                  {@code HOST:PORT}, a Binder named twice, a blank host or a port outside
     *                                  1-65535, saying which
     */
    public Binders binders() {
        ParseResult given = command == null ? null : command.commandLine().getParseResult();
        boolean listGiven = given != null && given.hasMatchedOption("--binder");
        boolean oneGiven = given != null && (given.hasMatchedOption("--binder-host") || given.hasMatchedOption("--binder-port"));
        if (listGiven && oneGiven) {
            throw new IllegalArgumentException("give the Binders either with --binder HOST:PORT[,HOST:PORT...] or with"
                    + " --binder-host and --binder-port, not both");
        }
        if (list != null && !list.isBlank() && !oneGiven) {
            return Binders.parse(list);
        }
        return Binders.of(new Endpoint(host, port));
    }

    /**
     * The Binder these options name first: for programs that talk to one Binder.
     *
     * @return its host and port
     * @throws IllegalArgumentException as {@link #binders()} does
     */
    public Endpoint endpoint() {
        return binders().first();
    }
}
