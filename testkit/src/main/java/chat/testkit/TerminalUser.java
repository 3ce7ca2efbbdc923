package chat.testkit;

import chat.client.ChatClient;
import chat.client.ChatConsole;
import chat.client.ChatSession;
import chat.client.ClientConfig;
import chat.client.Texts;
import chat.client.testing.Keyboard;
import chat.client.testing.Screen;
import chat.common.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real terminal client, run for a person the test types for: lines typed in, screen lines read back. It runs
 * {@link ChatSession}, the client's interactive session with its menu and slash commands, on a thread of its own
 * over a JLine dumb terminal (what the client gets when standard input is a pipe), in English, without colours.
 *
 * <pre>{@code
 * TerminalUser ana = chat.terminal("ana");
 * ana.type("ana");                 // the name it asks for first
 * ana.awaitShown("Registered.", Duration.ofSeconds(5));
 * }</pre>
 */
public final class TerminalUser implements AutoCloseable {
    private final String name;
    private final Keyboard keyboard = new Keyboard();
    private final Screen screen = new Screen();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private TerminalUser(String name) {
        this.name = name;
    }

    static TerminalUser start(String name, ClientConfig config) {
        TerminalUser person = new TerminalUser(name);
        Thread thread = new Thread(() -> {
            try (ChatConsole console = ChatConsole.over(person.keyboard, person.screen)) {
                person.exit.complete(new ChatSession(ChatClient.of(config), console, Texts.of(config.language()),
                        config.pollInterval()).run());
            } catch (Throwable e) {
                person.exit.completeExceptionally(e);
            }
        }, "terminal-" + name);
        thread.setDaemon(true);
        thread.start();
        return person;
    }

    /**
     * Types each line, followed by Enter, as the person would answer a question or write in a room.
     *
     * @param lines what the person types, one line each
     * @return this person
     */
    public TerminalUser type(String... lines) {
        keyboard.type(lines);
        return this;
    }

    /** Ends input, as Ctrl-D does: the client leaves its room and ends. */
    public void endInput() {
        keyboard.end();
    }

    /** {@return the lines on the screen now, as a person reads them (the prompts' redraws resolved)} */
    public List<String> screen() {
        return screen.lines();
    }

    /**
     * Waits until a line of the screen reads exactly {@code line}.
     *
     * @param line    a whole line of the screen
     * @param timeout how long to wait at most
     * @throws AssertionError it did not within {@code timeout}; the message shows the screen
     */
    public void awaitShown(String line, Duration timeout) {
        Await.until(name + " to see '" + line + "'; screen:\n" + screen.dump(), timeout, () -> screen.shows(line));
    }

    /**
     * Waits for the client to end, and returns its exit status ({@link ChatSession#EXIT_OK} after "quit").
     *
     * @param timeout how long to wait at most
     * @throws AssertionError it did not end within {@code timeout}, or it failed; the message shows the screen
     * @return the client's exit status
     */
    public int awaitExit(Duration timeout) {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(name + "'s client did not end within " + timeout.toSeconds() + " s; screen:\n"
                    + screen.dump(), e);
        } catch (ExecutionException e) {
            throw new AssertionError(name + "'s client failed; screen:\n" + screen.dump(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + " was interrupted waiting for the client to end", e);
        }
    }

    /** Ends input and waits for the client to end. */
    @Override
    public void close() {
        keyboard.end();
        if (!exit.isDone()) {
            awaitExit(Await.DEFAULT_DEADLINE);
        }
    }
}
