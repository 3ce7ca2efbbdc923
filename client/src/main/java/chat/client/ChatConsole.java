package chat.client;

import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * The person's terminal: asks questions and shows lines, including lines that arrive from another
 * thread while the person is typing (they appear above the half-typed answer, which survives).
 */
public final class ChatConsole implements AutoCloseable {
    private final LineReader reader;
    private final boolean echoAnswers;
    private final boolean plainOutput;
    private final Object output = new Object();
    /** The prompt on screen waiting for an answer, or null; guarded by {@link #output}. */
    private String openPrompt;

    /**
     * @param echoAnswers write each answer after its prompt, for input that the terminal does not echo
     *                    (a file or a pipe), so that the transcript reads like a typed session
     * @param plainOutput output is a file or a pipe, not a screen: lines that arrive while a question is
     *                    open are written as plain lines (no carriage-return redraws), the prompt after them
     */
    public ChatConsole(Terminal terminal, boolean echoAnswers, boolean plainOutput) {
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                // Messages are free text: "!" must not expand history events, "\" must stay.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        this.echoAnswers = echoAnswers;
        this.plainOutput = plainOutput;
    }

    /** A console over the process's standard streams: the real terminal when there is one, a dumb one over a pipe. */
    public static ChatConsole system() {
        Charset charset = consoleCharset();
        try {
            if (System.console() != null) {
                Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).encoding(charset).build();
                return new ChatConsole(terminal, false, false);
            }
            Terminal dumb = new DumbTerminal("chat", Terminal.TYPE_DUMB, System.in, System.out, charset);
            return new ChatConsole(dumb, !isTerminal(SystemStream.Input), !isTerminal(SystemStream.Output));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    /** A console over given streams, as over a pipe: UTF-8, answers echoed. What tests drive. */
    public static ChatConsole over(InputStream in, OutputStream out) {
        try {
            return new ChatConsole(new DumbTerminal("chat", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8),
                    true, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Shows {@code prompt} and reads the answer.
     *
     * @return the line typed, or empty when input has ended (end of file, Ctrl-D), was interrupted
     *         (Ctrl-C) or cannot be read
     */
    public Optional<String> ask(String prompt) {
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
            if (echoAnswers) {
                show("");
            }
            return Optional.empty();
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

    /** Shows a line; from any thread, above the answer being typed when a question is open. */
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
    private static Charset consoleCharset() {
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
