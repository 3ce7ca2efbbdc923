package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.common.testing.Await;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** How lines look: times in the local zone, colours only when wanted, mentions, and what Tab offers. */
class DisplayTest {
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    /** 2024-05-01 17:05:09 UTC, 14:05 in São Paulo. */
    private static final double STAMP = 1714583109.25;

    private final Texts en = Texts.of(Language.EN);
    private final MessageLines colourful = new MessageLines(en, Display.terminal(true, SAO_PAULO));
    private final MessageLines colourless = new MessageLines(en, Display.terminal(false, ZoneOffset.UTC));

    @Test
    void eachMessageStartsWithTheLocalTimeOfItsServerTimestamp() {
        assertEquals("14:05 bob: oi", colourful.styled(Message.broadcast("bob", "oi", STAMP), "ana").toString());
        assertEquals("17:05 bob: oi", colourless.styled(Message.broadcast("bob", "oi", STAMP), "ana").toString());
        assertEquals("bob: oi", new MessageLines(en).styled(Message.broadcast("bob", "oi", STAMP), "ana").toString());
    }

    @Test
    void namesNoticesAndPrivateMessagesHaveTheirColoursOnlyWhenColoursAreOn() {
        AttributedString line = colourful.styled(Message.broadcast("bob", "oi", STAMP), "ana");
        assertEquals(MessageLines.nameStyle("bob").bold(), line.styleAt("14:05 ".length()));
        assertEquals(MessageLines.nameStyle("bob"), MessageLines.nameStyle("bob"), "the same colour every time");
        assertEquals(MessageLines.NOTICE, colourful.styled(Message.notice("bob entrou na sala.", STAMP), "ana")
                .styleAt(8));
        assertEquals(MessageLines.PRIVATE, colourful.styled(Message.unicast("bob", "ana", "psiu", STAMP), "ana")
                .styleAt(8));

        AttributedString plain = colourless.styled(Message.unicast("bob", "ana", "psiu", STAMP), "ana");
        assertEquals("17:05 [private] bob → ana: psiu", plain.toString());
        assertEquals(plain.toString(), plain.toAnsi(256, org.jline.utils.AttributedCharSequence.ForceMode.None),
                "no escape codes at all");
    }

    @Test
    void aMentionIsTheNameAsAWordInAnyCaseFromSomeoneElse() {
        assertTrue(MessageLines.mentions(Message.broadcast("bob", "oi ANA, tudo bem?", 1), "ana"));
        assertTrue(MessageLines.mentions(Message.broadcast("bob", "@João!", 1), "joão"));
        assertFalse(MessageLines.mentions(Message.broadcast("bob", "banana", 1), "ana"));
        assertFalse(MessageLines.mentions(Message.broadcast("ana", "eu sou a ana", 1), "ana"), "not oneself");
        assertFalse(MessageLines.mentions(Message.notice("ana entrou na sala.", 1), "ana"), "not notices");

        AttributedString line = colourful.styled(Message.broadcast("bob", "oi ana!", STAMP), "ana");
        assertEquals(MessageLines.MENTION, line.styleAt("14:05 bob: oi ".length()));
    }

    @Test
    void anActionReadsAsAStarLine() {
        String content = MessageLines.action("ana", "acena");
        assertEquals("* ana acena", content);
        assertEquals("* ana acena", new MessageLines(en).format(Message.broadcast("ana", content, 1)));
        assertEquals("bob: * ana acena", new MessageLines(en).format(Message.broadcast("bob", content, 1)),
                "only the sender's own name makes an action");
    }

    @Test
    void colourIsOffWithTheOptionOrANonEmptyNoColorVariable() {
        assertTrue(Display.colourWanted(false, null));
        assertTrue(Display.colourWanted(false, ""));
        assertFalse(Display.colourWanted(false, "1"));
        assertFalse(Display.colourWanted(true, null));
        assertEquals(new Display(false, false, false, ZoneId.systemDefault()), Display.plain());
    }

    @Test
    void aTerminalSessionShowsTimesColoursAndRingsWhenMentioned() throws IOException {
        try (LocalChat chat = LocalChat.start()) {
            chat.server().service().createRoom("sala");
            TypedSession ana = TypedSession.start("ana", chat.binder(), Language.EN, TypedSession.FAST_POLL,
                    Display.terminal(true, ZoneOffset.UTC));
            TypedSession bob = TypedSession.inRoom("bob", "sala", chat.binder());
            try {
                ana.type("ana", "/join sala");
                ana.awaitShown("You entered the room sala.");
                bob.type("oi ana");
                Message sent = Await.value("bob's message stored", () -> chat.server().service()
                        .receive("ana", "sala", 0).stream().filter(m -> m.content().equals("oi ana")).findFirst()
                        .orElse(null));
                String time = MessageLines.time(sent.timestamp(), ZoneOffset.UTC);
                Await.until("ana to see bob's line", () -> ana.screen().raw().contains("oi "));
                Await.until("the bell", () -> ana.screen().raw().contains("\u0007"));
                String raw = ana.screen().raw();
                assertTrue(raw.contains("\u001b["), "escape codes on a colour display");
                assertTrue(ana.screen().lines().stream().anyMatch(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")
                        .replace("\u0007", "").equals(time + " bob: oi ana")), ana.screen().dump());
                assertFalse(bob.screen().raw().contains("\u001b["), "none on a plain display");
                assertFalse(bob.screen().raw().contains("\u0007"), "no bell on a plain display");
            } finally {
                ana.close();
                bob.close();
            }
        }
    }

    @Test
    void tabOffersCommandsThenRoomsOrNames() {
        ChatCompleter completer = new ChatCompleter(() -> List.of("geral", "ação"), () -> List.of("ana", "bob"));
        assertEquals(Arrays.stream(SlashCommand.values()).map(SlashCommand::typed).toList(), complete(completer, "/jo"));
        assertEquals(List.of("geral", "ação"), complete(completer, "/join g"));
        assertEquals(List.of("ana", "bob"), complete(completer, "/msg b"));
        assertEquals(List.of("ana", "bob"), complete(completer, "oi b"));
    }

    private static List<String> complete(ChatCompleter completer, String typed) {
        ParsedLine line = new DefaultParser().parse(typed, typed.length(), ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }
}
