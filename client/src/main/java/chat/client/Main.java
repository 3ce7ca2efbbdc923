package chat.client;

import chat.common.Endpoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code java -jar client.jar}: the terminal chat client, looking the chat server up in the Binder. */
@Command(name = "client", mixinStandardHelpOptions = true, version = "client 1.0.0",
        description = {
            "The chat client: choose a unique name, then create, enter and list rooms; in a room, send "
                    + "messages to everyone or to one user. Reads the same keys from a terminal or from a file "
                    + "or pipe on standard input.",
            "Keys: main menu c create, e enter, l list rooms, s quit; in a room m send (then the text, then "
                    + "the recipient or an empty line for everyone), l list users, s leave."})
public final class Main implements Callable<Integer> {

    @Option(names = "--binder-host", paramLabel = "HOST",
            defaultValue = "${env:CHAT_BINDER_HOST:-" + ClientConfig.DEFAULT_BINDER_HOST + "}",
            description = "The Binder's address (default: ${DEFAULT-VALUE}; env CHAT_BINDER_HOST).")
    String binderHost;

    @Option(names = "--binder-port", paramLabel = "PORT",
            defaultValue = "${env:CHAT_BINDER_PORT:-" + ClientConfig.DEFAULT_BINDER_PORT + "}",
            description = "The Binder's port (default: ${DEFAULT-VALUE}; env CHAT_BINDER_PORT).")
    int binderPort;

    @Option(names = "--poll-interval", defaultValue = "2", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "How often a joined room is asked for new messages, in seconds; decimals allowed "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--lang", paramLabel = "pt|en", converter = LanguageConverter.class,
            description = "The language to speak: pt or en (default: pt for a Portuguese system locale, else en).")
    Language language;

    @Spec
    CommandSpec spec;

    private final Locale systemLocale;
    private final Supplier<ChatConsole> consoles;

    /** The client on the process's terminal and locale. */
    public Main() {
        this(Locale.getDefault(), ChatConsole::system);
    }

    /**
     * @param systemLocale what picks the language when {@code --lang} is not given
     * @param consoles     opens the console the session runs over, when it runs
     */
    Main(Locale systemLocale, Supplier<ChatConsole> consoles) {
        this.systemLocale = systemLocale;
        this.consoles = consoles;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    /**
     * The command line for {@code main}: a mistaken option or a failed run prints one line (not the usage,
     * not a stack trace) and exits non-zero.
     */
    static CommandLine commandLine(Main main) {
        return new CommandLine(main)
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr().println("client: " + e.getMessage() + " (see --help)");
                    return cmd.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("client: " + e.getMessage());
                    return 1;
                });
    }

    /** The configuration the options describe. */
    ClientConfig config() {
        Endpoint binder;
        try {
            binder = new Endpoint(binderHost, binderPort);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid Binder address: " + e.getMessage());
        }
        Language chosen = language != null ? language : Language.of(systemLocale);
        return new ClientConfig(binder, pollInterval, chosen, ClientConfig.DEFAULT_CALL_TIMEOUT);
    }

    @Override
    public Integer call() {
        ClientConfig config = config();
        Texts texts = Texts.of(config.language());
        try (ChatConsole console = consoles.get()) {
            ChatSession session = new ChatSession(ChatClient.of(config), console, texts, config.pollInterval());
            // Stopped by a signal while in a room: leave it, so the name does not stay in it forever.
            Thread leaveOnStop = new Thread(() -> leaveQuietly(session), "client-leave-on-stop");
            Runtime.getRuntime().addShutdownHook(leaveOnStop);
            try {
                return session.run();
            } finally {
                removeShutdownHook(leaveOnStop);
            }
        }
    }

    private static void leaveQuietly(ChatSession session) {
        try {
            session.close();
        } catch (RuntimeException terminalAlreadyGone) {
            // The process is ending and the terminal may be closed already: nothing left to tell anyone.
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; nothing to undo
        }
    }

    /** Reads seconds, with decimals ({@code 0.2}), as a {@link Duration} within the allowed poll intervals. */
    static final class SecondsConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            BigDecimal seconds;
            try {
                seconds = new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds (e.g. 2 or 0.5)");
            }
            Duration interval = Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP)
                    .min(BigDecimal.valueOf(Long.MAX_VALUE / 2)).longValue());
            if (interval.compareTo(ClientConfig.MIN_POLL_INTERVAL) < 0
                    || interval.compareTo(ClientConfig.MAX_POLL_INTERVAL) > 0) {
                throw new TypeConversionException("'" + value + "' is out of range: use 0.05 to 3600 seconds");
            }
            return interval;
        }
    }

    /** Reads {@code pt} or {@code en}. */
    static final class LanguageConverter implements ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            try {
                return Language.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
