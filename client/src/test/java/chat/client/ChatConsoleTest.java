package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.client.testing.Keyboard;
import chat.client.testing.Screen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The terminal's questions, and Ctrl-C between them. */
class ChatConsoleTest {

    @Test
    void ctrlCWhileNoQuestionIsOpenEndsInputAtTheNextQuestion() throws IOException {
        Keyboard keyboard = new Keyboard();
        Terminal terminal = new DumbTerminal("chat", Terminal.TYPE_DUMB, keyboard, new Screen(), StandardCharsets.UTF_8);
        try (ChatConsole console = new ChatConsole(terminal, true, true, Display.plain())) {
            keyboard.type("antes");
            assertEquals(Optional.of("antes"), console.ask("1:"));

            terminal.raise(Terminal.Signal.INT); // what a terminal does with Ctrl-C while the session is busy
            keyboard.type("depois");

            assertEquals(Optional.empty(), console.ask("2:"), "ended at once, though a line was typed after");
        }
    }
}
