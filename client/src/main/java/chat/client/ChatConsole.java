package chat.client;

import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.jline.utils.AttributedCharSequence;
import org.jline.utils.AttributedString;

/**
 * The person's terminal: asks questions and shows lines, including lines that arrive from another
 * thread while the person is typing (they appear above the half-typed answer, which survives).
 *
 * <p>Ctrl-C ends input as Ctrl-D does, whether it comes during a question or while the session is busy between two
 * (a call under way): then the next question ends input at once, and a second Ctrl-C meanwhile stops the process as
 * a terminal's interrupt does.
 */
public final class ChatConsole implements AutoCloseable {
    private final LineReader reader;
    private final boolean echoAnswers;
    private final boolean plainOutput;
    private final Display display;
    private volatile Completer completer = (reader, line, candidates) -> { };
    private final Object output = new Object();
    /** The prompt on screen waiting for an answer, or null; guarded by {@link #output}. */
    private String openPrompt;
    /** Ctrl-C came while no question was open: the next question ends input. */
    private volatile boolean interrupted;

    /**
     * @param terminal    the terminal read and written
     * @param echoAnswers write each answer after its prompt, for input that the terminal does not echo
     *                    (a file or a pipe), so that the transcript reads like a typed session
     * @param plainOutput output is a file or a pipe, not a screen: lines that arrive while a question is
     *                    open are written as plain lines (no carriage-return redraws), the prompt after them
     */
    public ChatConsole(Terminal terminal, boolean echoAnswers, boolean plainOutput) {
        this(terminal, echoAnswers, plainOutput, plainOutput ? Display.plain()
                : Display.terminal(Display.colourWanted(false, System.getenv("NO_COLOR")), ZoneId.systemDefault()));
    }

    /**
     * @param terminal    the terminal read and written
     * @param echoAnswers write each answer after its prompt, for input that the terminal does not echo
     * @param plainOutput output is a file or a pipe, not a screen
     * @param display     how lines look: colours, times, the bell
     */
    public ChatConsole(Terminal terminal, boolean echoAnswers, boolean plainOutput, Display display) {
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .completer((lineReader, line, candidates) -> completer.complete(lineReader, line, candidates))
                // Words as the slash commands read them, so Tab writes a name the way a command reads it back.
                .parser(new TypedLineParser())
                // Messages are free text: "!" must not expand history events, "\" must stay.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        this.echoAnswers = echoAnswers;
        this.plainOutput = plainOutput;
        this.display = display;
        // Up and down arrows walk back through what was typed; Tab completes.
        this.reader.setVariable(LineReader.HISTORY_SIZE, 500);
        // While a question is open the reader takes Ctrl-C over; between questions it comes here.
        terminal.handle(Terminal.Signal.INT, signal -> interruptedBetweenQuestions());
    }

    /** Ctrl-C between questions: the next question ends input; a second one meanwhile stops the process at once. */
    private void interruptedBetweenQuestions() {
        interrupted = true;
        reader.getTerminal().handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_DFL);
    }

    /**
     * {@return a console over the process's standard streams: the real terminal when there is one, a dumb one over
     * a pipe}
     */
    public static ChatConsole system() {
        return system(true);
    }

    /**
     * A console over the process's standard streams.
     *
     * @param colour whether colours are wanted on a terminal (never over a file or a pipe)
     * @return the console
     */
    public static ChatConsole system(boolean colour) {
        Charset charset = consoleCharset();
        ZoneId zone = ZoneId.systemDefault();
        try {
            if (System.console() != null) {
                Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).encoding(charset).build();
                boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType())
                        || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
                return new ChatConsole(terminal, false, false,
                        Display.terminal(colour && !Terminal.TYPE_DUMB.equals(terminal.getType()), zone).withBell(!dumb));
            }
            Terminal dumb = new DumbTerminal("chat", Terminal.TYPE_DUMB, System.in, System.out, charset);
            boolean plain = !isTerminal(SystemStream.Output);
            return new ChatConsole(dumb, !isTerminal(SystemStream.Input), plain,
                    plain ? Display.plain() : Display.terminal(colour, zone));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    /**
     * A console over given streams, as over a pipe: UTF-8, answers echoed. What tests drive.
     *
     * @param in  what the person types
     * @param out where the console writes
     * @return the console
     */
    public static ChatConsole over(InputStream in, OutputStream out) {
        return over(in, out, Display.plain());
    }

    /**
     * A console over given streams, as over a pipe, that draws lines as {@code display} says (tests of the looks).
     *
     * @param in      what the person types
     * @param out     where the console writes
     * @param display how lines look
     * @return the console
     */
    public static ChatConsole over(InputStream in, OutputStream out, Display display) {
        try {
            return new ChatConsole(new DumbTerminal("chat", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8),
                    true, true, display);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return how lines look on this console} */
    public Display display() {
        return display;
    }

    /**
     * What Tab offers from now on.
     *
     * @param completer what Tab asks for candidates
     */
    public void completeWith(Completer completer) {
        this.completer = completer;
    }

    /**
     * Shows {@code prompt} and reads the answer.
     *
     * @param prompt the question, shown before the answer
     * @return the line typed, or empty when input has ended (end of file, Ctrl-D), was interrupted
     *         (Ctrl-C, now or since the last question) or cannot be read
     */
    public Optional<String> ask(String prompt) {
        if (interrupted) {
            return ended();
        }
        String answer;
        try {
            synchronized (output) {
                openPrompt = prompt;
            }
            answer = reader.readLine(prompt);
        } catch (EndOfFileException | UserInterruptException | IOError ended) {
            // IOError: JLine's wrapping of a failed read; standard input is gone, which ends it too.
            synchronized (output) {
                openPrompt = null;
            }
            Thread.interrupted(); // the reader's way of ending the read on Ctrl-C; nothing else is to be interrupted
            return ended();
        }
        synchronized (output) {
            openPrompt = null;
            if (echoAnswers) {
                Terminal terminal = reader.getTerminal();
                terminal.writer().println(answer);
                terminal.flush();
            }
        }
        return Optional.of(answer);
    }

    private Optional<String> ended() {
        if (echoAnswers) {
            show("");
        }
        return Optional.empty();
    }

    /**
     * Shows a styled line: in colour when the display has colours, else its plain text.
     *
     * @param line the line, with its styles
     */
    public void show(AttributedString line) {
        show(display.colour() ? line.toAnsi(256, AttributedCharSequence.ForceMode.None) : line.toString());
    }

    /** Rings the terminal's bell, when the display has one. */
    public void bell() {
        if (!display.bell()) {
            return;
        }
        synchronized (output) {
            Terminal terminal = reader.getTerminal();
            terminal.writer().print('\u0007');
            terminal.flush();
        }
    }

    /**
     * Shows a line; from any thread, above the answer being typed when a question is open.
     *
     * @param line the line, without its line break
     */
    public void show(String line) {
        if (!plainOutput) {
            reader.printAbove(line);
            return;
        }
        synchronized (output) {
            Terminal terminal = reader.getTerminal();
            if (openPrompt != null) {
                terminal.writer().println();
            }
            terminal.writer().println(line);
            if (openPrompt != null) {
                terminal.writer().print(openPrompt);
            }
            terminal.flush();
        }
    }

    @Override
    public void close() {
        try {
            reader.getTerminal().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The locale's charset, except that a C/POSIX locale's ASCII becomes UTF-8 (as Python does), since
     * names and messages are Unicode.
     */
    static Charset consoleCharset() {
        Charset charset = Charset.defaultCharset();
        return charset.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : charset;
    }

    /** Whether a standard stream is a terminal rather than a file or a pipe. */
    private static boolean isTerminal(SystemStream stream) {
        for (String provider : List.of("jni", "exec")) {
            try {
                return TerminalProvider.load(provider).isSystemStream(stream);
            } catch (IOException | RuntimeException | LinkageError unavailable) {
                // try the next way of asking
            }
        }
        return false;
    }
}
