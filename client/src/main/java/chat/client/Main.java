package chat.client;

import chat.common.Binders;
import chat.common.cli.BinderAddressOptions;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import picocli.AutoComplete;
import chat.common.cli.UsageErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
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
                    + "the recipient or an empty line for everyone), l list users, s leave.",
            "Commands, at any prompt: " + Main.SLASH_COMMANDS + ". In a room, other text is sent to everyone.",
            "Scripts and bots: with --user and --room, each line of standard input is sent to the room "
                    + "(/msg USER TEXT privately, /me ACTION as an action) and each message that arrives is written "
                    + "as one line, a JSON object with --json, else:",
            // A line of its own, narrower than any usage width: wrapped with the sentence, it would break at a colon.
            Main.ARRIVAL_LINE},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:ok",
            "1:the Binder or the chat server cannot be reached",
            "2:wrong command line",
            "3:the username is taken (with --user)",
            "4:the room cannot be entered nor created, or its name is refused (with --room)",
            "5:a message was refused (with --user; the others were sent)",
            "6:a message was not sent or may not have been: its server died during the send and the client went "
                    + "on with another (with --user; not sent again, none refused)"})
public final class Main implements Callable<Integer> {
    /** Where the description lists the slash commands, which {@link #commandLine} fills in from their declarations. */
    static final String SLASH_COMMANDS = "{slash commands}";
    /** How the non-interactive mode writes a message, as {@code --help} shows it. */
    static final String ARRIVAL_LINE = "  HH:mm:ss<TAB>origin<TAB>destination<TAB>content";

    @Mixin
    BinderAddressOptions binderAddress;

    @Option(names = "--poll-interval", defaultValue = "2", paramLabel = "SECONDS", converter = SecondsConverter.class,
            description = "How often a joined room is asked for new messages, in seconds; decimals allowed "
                    + "(default: ${DEFAULT-VALUE}). A server that offers wait_messages sends them the moment they "
                    + "arrive instead; the interval then only paces retries while it cannot be reached.")
    Duration pollInterval;

    @Option(names = "--lang", paramLabel = "pt|en", converter = LanguageConverter.class,
            description = "The language to speak: pt or en (default: pt for a Portuguese system locale, else en).")
    Language language;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set, or output is not a terminal).")
    boolean noColor;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Scripts and bots: register NAME and run without menus (needs --room).")
    String user;

    @Option(names = "--room", paramLabel = "ROOM",
            description = "Scripts and bots: the room to enter, created when missing (needs --user).")
    String room;

    @Option(names = "--json", description = "Scripts and bots: write each message as a JSON object "
            + "{time, timestamp, type, origin, destination, content}.")
    boolean json;

    @Option(names = "--linger", paramLabel = "SECONDS", converter = LingerConverter.class,
            description = "Scripts and bots: how long to wait for messages after the end of input (default: 1).")
    Duration linger;

    @Option(names = "--completion", description = "Print a bash completion script for this command and exit "
            + "(source <(java -jar client.jar --completion)).")
    boolean completion;

    @Spec
    CommandSpec spec;

    private final Locale systemLocale;
    private final Supplier<ChatConsole> consoles;
    private final InputStream standardInput;
    private final ZoneId zone;

    /** The client on the process's terminal and locale. */
    public Main() {
        this(Locale.getDefault(), null, System.in, ZoneId.systemDefault());
    }

    /**
     * @param systemLocale what picks the language when {@code --lang} is not given
     * @param consoles     opens the console the session runs over, when it runs
     */
    Main(Locale systemLocale, Supplier<ChatConsole> consoles) {
        this(systemLocale, consoles, System.in, ZoneId.systemDefault());
    }

    /**
     * @param consoles      opens the console, or null for the process's terminal
     * @param standardInput what the non-interactive mode reads
     * @param zone          the time zone of the times the non-interactive mode writes
     */
    Main(Locale systemLocale, Supplier<ChatConsole> consoles, InputStream standardInput, ZoneId zone) {
        this.systemLocale = systemLocale;
        this.consoles = consoles;
        this.standardInput = standardInput;
        this.zone = zone;
    }

    /**
     * Runs the client as the command line says: a session on the terminal, or bot mode; exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Charset charset = ChatConsole.consoleCharset();
        CommandLine cmd = commandLine(new Main());
        cmd.setOut(new PrintWriter(new OutputStreamWriter(System.out, charset), true));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(System.err, charset), true));
        System.exit(cmd.execute(args));
    }

    /**
     * The command line for {@code main}: a mistaken option or a failed run prints one line (not the usage,
     * not a stack trace) and exits non-zero.
     */
    static CommandLine commandLine(Main main) {
        CommandLine client = new CommandLine(main);
        UsageMessageSpec usage = client.getCommandSpec().usageMessage();
        usage.description(Arrays.stream(usage.description())
                .map(paragraph -> paragraph.replace(SLASH_COMMANDS, SlashCommand.usages()))
                .toArray(String[]::new));
        return UsageErrors.install(client)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("client: " + e.getMessage());
                    return 1;
                });
    }

    /** The configuration the options describe. */
    ClientConfig config() {
        Binders binders;
        try {
            binders = binderAddress.binders();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid Binder address: " + e.getMessage());
        }
        Language chosen = language != null ? language : Language.of(systemLocale);
        return ClientConfig.builder().binders(binders).pollInterval(pollInterval).language(chosen).build();
    }

    @Override
    public Integer call() {
        if (completion) {
            spec.commandLine().getOut().print(AutoComplete.bash(spec.name(), spec.commandLine()));
            spec.commandLine().getOut().flush();
            return ScriptSession.EXIT_OK;
        }
        ClientConfig config = config();
        Texts texts = Texts.of(config.language());
        if (user != null || room != null) {
            return runScript(config, texts);
        }
        if (json || linger != null) {
            throw new ParameterException(spec.commandLine(), "--json and --linger go with --user and --room");
        }
        try (ChatConsole console = consoles != null ? consoles.get()
                : ChatConsole.system(Display.colourWanted(noColor, System.getenv("NO_COLOR")))) {
            ChatSession session = new ChatSession(ChatClient.of(config), console, texts, config.pollInterval());
            return runLeavingOnStop(session, session::run);
        }
    }

    private int runScript(ClientConfig config, Texts texts) {
        if (user == null || room == null) {
            throw new ParameterException(spec.commandLine(), "--user NAME and --room ROOM go together");
        }
        if (user.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--user: the name is empty");
        }
        if (room.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--room: the room name is empty");
        }
        ScriptSession.Options options = new ScriptSession.Options(user.strip(), room.strip(),
                json ? ArrivalFormat.JSON : ArrivalFormat.TEXT, linger != null ? linger : Duration.ofSeconds(1),
                config.pollInterval(), zone);
        BufferedReader in = new BufferedReader(new InputStreamReader(standardInput, ChatConsole.consoleCharset()));
        ScriptSession session = new ScriptSession(ChatClient.of(config), options, in, spec.commandLine().getOut(),
                spec.commandLine().getErr(), texts);
        return runLeavingOnStop(session, session::run);
    }

    /** Runs {@code run}; stopped by a signal meanwhile, leaves the room, so the name does not stay in it forever. */
    private static int runLeavingOnStop(AutoCloseable session, IntSupplier run) {
        Thread leaveOnStop = new Thread(() -> leaveQuietly(session), "client-leave-on-stop");
        Runtime.getRuntime().addShutdownHook(leaveOnStop);
        try {
            return run.getAsInt();
        } finally {
            removeShutdownHook(leaveOnStop);
        }
    }

    private static void leaveQuietly(AutoCloseable session) {
        try {
            session.close();
        } catch (Exception terminalAlreadyGone) {
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

    /** Reads seconds to linger, with decimals, from 0 to 3600. */
    static final class LingerConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                BigDecimal seconds = new BigDecimal(value.strip());
                if (seconds.signum() >= 0 && seconds.compareTo(BigDecimal.valueOf(3600)) <= 0) {
                    return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValue());
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new TypeConversionException("'" + value + "' is not a number of seconds from 0 to 3600");
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
