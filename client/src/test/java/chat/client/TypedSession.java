package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.client.testing.Keyboard;
import chat.client.testing.Screen;
import chat.common.Endpoint;
import chat.common.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A {@link ChatSession} run on its own thread over a {@link Keyboard} and a {@link Screen}, through a
 * JLine dumb terminal (what the client gets when standard input is a pipe): a person a test types for.
 */
final class TypedSession implements AutoCloseable {
    /** Fast polling keeps tests short; waits are deadlines, never guesses. */
    static final Duration FAST_POLL = Duration.ofMillis(50);
    /** Long enough to find a server the Binder names at once, short enough that a test of no server left is quick. */
    static final Duration FAST_FAILOVER = Duration.ofSeconds(2);
    private static final int CTRL_C = 3;

    private final String name;
    private final Keyboard keyboard = new Keyboard();
    private final Screen screen = new Screen();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private TypedSession(String name) {
        this.name = name;
    }

    /** Starts a session; nothing is typed yet. */
    static TypedSession start(String name, Endpoint binder, Language language) {
        return start(name, binder, language, FAST_POLL);
    }

    static TypedSession start(String name, Endpoint binder, Language language, Duration poll) {
        return start(name, binder, language, poll, Display.plain());
    }

    /** Starts a session whose screen draws lines as {@code display} says (colours, times, bell). */
    static TypedSession start(String name, Endpoint binder, Language language, Duration poll, Display display) {
        return start(name, binder, language, poll, FAST_FAILOVER, display);
    }

    /** Starts a session that looks for another server for {@code failover} when its server stops answering. */
    static TypedSession start(String name, Endpoint binder, Language language, Duration poll, Duration failover,
                              Display display) {
        TypedSession person = new TypedSession(name);
        ClientConfig config = ClientConfig.of(binder, language).withPollInterval(poll).withFailoverTime(failover);
        Thread thread = new Thread(() -> {
            try (ChatConsole console = new ChatConsole(person.terminal(), true, true, display)) {
                person.exit.complete(new ChatSession(ChatClient.of(config), console, Texts.of(language),
                        config.pollInterval()).run());
            } catch (Throwable e) {
                person.exit.completeExceptionally(e);
            }
        }, "session-" + name);
        thread.setDaemon(true);
        thread.start();
        return person;
    }

    /** Starts a session and registers {@code name} (English texts). */
    static TypedSession registered(String name, Endpoint binder) {
        TypedSession person = start(name, binder, Language.EN);
        person.type(name);
        person.awaitShown("Registered.");
        return person;
    }

    /** Registers {@code name} and enters {@code room}, which must exist. */
    static TypedSession inRoom(String name, String room, Endpoint binder) {
        TypedSession person = registered(name, binder);
        person.type("e", room);
        person.awaitShown("* " + name + " joined the room.");
        return person;
    }

    /** A dumb terminal over the keyboard and the screen whose Ctrl-C interrupts, as a terminal's does. */
    private Terminal terminal() throws IOException {
        DumbTerminal terminal = new DumbTerminal("chat", Terminal.TYPE_DUMB, keyboard, screen, StandardCharsets.UTF_8);
        Attributes keys = terminal.getAttributes();
        keys.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        keys.setControlChar(Attributes.ControlChar.VINTR, CTRL_C);
        // Each signal key must be a real key: unset ones read as -1, the end of input, which would then never end.
        keys.setControlChar(Attributes.ControlChar.VQUIT, 28); // Ctrl-\
        keys.setControlChar(Attributes.ControlChar.VSUSP, 26); // Ctrl-Z
        keys.setControlChar(Attributes.ControlChar.VSTATUS, 20); // Ctrl-T
        terminal.setAttributes(keys);
        return terminal;
    }

    void type(String... lines) {
        keyboard.type(lines);
    }

    /** Presses Ctrl-C. */
    void pressCtrlC() {
        keyboard.press((char) CTRL_C);
    }

    void endInput() {
        keyboard.end();
    }

    Screen screen() {
        return screen;
    }

    /** Waits until a screen line reads exactly {@code line}. */
    void awaitShown(String line) {
        Await.until(name + " to see '" + line + "'; screen:\n" + screen.dump(), () -> screen.shows(line));
    }

    /** Waits until the session ends and returns its exit status. */
    int awaitExit() {
        try {
            return exit.get(Await.DEFAULT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(name + "'s session did not end; screen:\n" + screen.dump(), e);
        } catch (ExecutionException e) {
            throw new AssertionError(name + "'s session failed; screen:\n" + screen.dump(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Quits from the main menu and checks the session ended well. */
    void quit() {
        type("s");
        assertEquals(ChatSession.EXIT_OK, awaitExit(), screen.dump());
    }

    /** Ends input, so that the session leaves its room and ends, and waits for it. */
    @Override
    public void close() {
        keyboard.end();
        if (!exit.isDone()) {
            awaitExit();
        }
    }
}
