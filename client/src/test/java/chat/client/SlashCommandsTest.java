package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Message;
import chat.common.testing.Await;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IRC-style commands beside the original's keys, and plain text in a room, typed over a dumb terminal. */
class SlashCommandsTest {
    private LocalChat chat;
    private final List<TypedSession> people = new ArrayList<>();

    @BeforeEach
    void startChat() throws IOException {
        chat = LocalChat.start();
    }

    @AfterEach
    void stopEverything() {
        try {
            people.forEach(TypedSession::close);
        } finally {
            chat.close();
        }
    }

    private TypedSession person(TypedSession session) {
        people.add(session);
        return session;
    }

    @Test
    void commandsCreateJoinListAndLeaveRooms() {
        TypedSession ana = person(TypedSession.registered("ana", chat.binder()));

        ana.type("/create geral");
        ana.awaitShown("Room created.");
        ana.type("/join nenhuma");
        ana.awaitShown("Room nenhuma not found; /create nenhuma creates it.");
        ana.type("/join geral");
        ana.awaitShown("* ana joined the room.");
        ana.type("/rooms");
        ana.awaitShown("Rooms: geral");
        ana.type("/users");
        ana.awaitShown("Users in the room: ana");
        ana.type("/leave");
        ana.awaitShown("You left the room geral.");
        ana.type("/leave");
        ana.awaitShown("You are not in a room; /join ROOM enters one.");
        ana.type("/quit");

        assertEquals(ChatSession.EXIT_OK, ana.awaitExit());
        assertEquals("Goodbye.", last(ana));
        assertEquals(List.of(), chat.server().service().listUsers("geral"));
    }

    @Test
    void plainTextInARoomGoesToEveryoneWhileSingleKeysStayKeys() {
        chat.server().service().createRoom("sala");
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", chat.binder()));
        TypedSession bob = person(TypedSession.inRoom("bob", "sala", chat.binder()));

        ana.type("oi, pessoal");
        bob.awaitShown("ana: oi, pessoal");
        ana.type("x");
        ana.awaitShown("Unknown option: x");
        ana.awaitShown("Type /help to see the commands.");
        ana.type("/say m", "//não é comando", "l");
        bob.awaitShown("ana: m");
        bob.awaitShown("ana: /não é comando");
        ana.awaitShown("Users in the room: ana, bob");

        assertFalse(bob.screen().raw().contains("ana: x"), bob.screen().dump());
    }

    @Test
    void msgIsPrivateAndMeIsAnActionThatTheWireCarriesAsPlainContent() {
        chat.server().service().createRoom("sala");
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", chat.binder()));
        TypedSession bob = person(TypedSession.inRoom("bob", "sala", chat.binder()));
        TypedSession cid = person(TypedSession.inRoom("cid", "sala", chat.binder()));
        ana.awaitShown("* cid joined the room.");

        ana.type("/msg bob só para você", "/me acena", "/msg ninguém oi", "/msg bob");
        bob.awaitShown("[private] ana → bob: só para você");
        cid.awaitShown("* ana acena");
        ana.awaitShown("Message not sent: ninguém is not in the room.");
        ana.awaitShown("Usage: /msg USER TEXT");

        assertFalse(cid.screen().raw().contains("só para você"), cid.screen().dump());
        List<Message> stored = chat.server().service().receive("cid", "sala", 0);
        assertEquals("* ana acena", stored.get(stored.size() - 1).content(), "what an original client shows as "
                + "'ana: * ana acena'");
    }

    @Test
    void aCommandAnswersAnyQuestionOfTheMenusDroppingTheQuestion() {
        chat.server().service().createRoom("sala");
        chat.server().service().createRoom("outra");
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", chat.binder()));

        ana.type("m", "/users");
        ana.awaitShown("Users in the room: ana");
        ana.type("m", "texto", "/join outra");
        ana.awaitShown("You left the room sala.");
        ana.awaitShown("You entered the room outra.");
        ana.type("s");
        ana.awaitShown("You left the room outra.");
        ana.type("e", "/rooms");
        ana.awaitShown("Rooms: sala, outra");

        assertTrue(chat.server().service().receive("ana", "outra", 0).stream().noneMatch(m -> m.content().equals("texto")));
        assertFalse(ana.screen().raw().contains("ana: texto"), ana.screen().dump());
    }

    @Test
    void historyPagesBackThroughWhatTheRoomShowed() {
        chat.server().service().createRoom("sala");
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", chat.binder()));
        ana.type("um", "dois", "três");
        ana.awaitShown("ana: três");

        ana.type("/history 2");
        ana.awaitShown("The last 2 messages in sala:");
        Await.until("two lines after the title", () -> {
            List<String> lines = ana.screen().lines();
            int title = lines.lastIndexOf("The last 2 messages in sala:");
            return lines.size() >= title + 3 && lines.subList(title + 1, title + 3).equals(List.of("ana: dois", "ana: três"));
        });
        ana.type("/history");
        ana.awaitShown("The last 4 messages in sala:");
        ana.type("/history nada");
        ana.awaitShown("Usage: /history [N]");
    }

    @Test
    void joiningARoomAgainSaysInPortugueseThatTheMessageSeenThereIsNotShownAgain() {
        chat.server().service().createRoom("volta");
        TypedSession ana = person(TypedSession.start("ana", chat.binder(), Language.PT));
        ana.type("ana", "/join volta");
        ana.awaitShown("* ana entrou na sala.");
        ana.type("/leave", "/join volta");
        ana.awaitShown("* ana saiu da sala.");
        Await.until("ana in the room again", () -> ana.screen().count("* ana entrou na sala.") == 2);

        List<String> lines = ana.screen().lines();
        List<String> back = lines.subList(lines.lastIndexOf("Entrou na sala volta com sucesso."), lines.size());
        assertEquals(List.of("Entrou na sala volta com sucesso.", "Usuários na sala: ana",
                "A mensagem que você já viu nesta sala não é mostrada de novo; /history a mostra.",
                "Últimas mensagens:", "* ana saiu da sala.", "* ana entrou na sala."),
                back.subList(0, Math.min(6, back.size())));
        ana.type("/history 1");
        ana.awaitShown("A última mensagem em volta:");
    }

    @Test
    void helpListsTheCommandsAndUnknownCommandsSaySo() {
        TypedSession ana = person(TypedSession.start("ana", chat.binder(), Language.EN));
        ana.type("/join sala");
        ana.awaitShown("Choose a username first (or /quit).");
        ana.type("/help");
        ana.awaitShown("Commands (the menu keys work too):");
        ana.type("ana", "/dance");
        ana.awaitShown("Unknown command: /dance. Type /help to see the commands.");
        for (SlashCommand command : SlashCommand.values()) {
            assertTrue(ana.screen().raw().contains(command.typed()), command.typed());
        }
    }

    @Test
    void quitBeforeANameEndsWithoutRegistering() {
        TypedSession ana = person(TypedSession.start("ana", chat.binder(), Language.PT));
        ana.type("/quit");
        assertEquals(ChatSession.EXIT_OK, ana.awaitExit());
        assertEquals("Até logo.", last(ana));
        assertTrue(chat.server().service().registerUser("ana"));
    }

    @Test
    void joiningAnotherRoomLeavesTheFirstOnce() {
        chat.server().service().createRoom("a");
        chat.server().service().createRoom("b");
        TypedSession ana = person(TypedSession.inRoom("ana", "a", chat.binder()));
        ana.type("/join a");
        ana.awaitShown("You are already in the room a.");
        ana.type("/join b");
        ana.awaitShown("* ana joined the room.");
        Await.until("ana only in b", () -> chat.server().service().listUsers("a").isEmpty()
                && chat.server().service().listUsers("b").equals(List.of("ana")));
        ana.type("/quit");
        assertEquals(ChatSession.EXIT_OK, ana.awaitExit());
        assertEquals(List.of("You left the room b.", "Goodbye."), ana.screen().lines().subList(
                ana.screen().lines().size() - 2, ana.screen().lines().size()));
    }

    @Test
    void namesWithSpacesWorkInEveryCommandBetweenQuotes() {
        TypedSession joao = person(TypedSession.registered("joão silva", chat.binder()));
        TypedSession ana = person(TypedSession.registered("ana", chat.binder()));

        ana.type("/create \"sala nova\"", "/join \"sala nova\"");
        ana.awaitShown("You entered the room sala nova.");
        joao.type("/join sala nova");
        joao.awaitShown("You entered the room sala nova.");
        ana.awaitShown("* joão silva joined the room.");
        ana.type("/msg \"joão silva\" só para você", "/users \"sala nova\"");
        joao.awaitShown("[private] ana → joão silva: só para você");
        ana.awaitShown("Users in sala nova: ana, joão silva");
        ana.type("/join \"a \\\"b\\\"\"");
        ana.awaitShown("Room a \"b\" not found; /create \"a \\\"b\\\"\" creates it.");
    }

    @Test
    void usersOfAnotherRoomNamesItAndAnUnknownRoomIsSaidSo() {
        chat.server().service().createRoom("sala");
        chat.server().service().createRoom("outra");
        TypedSession bob = person(TypedSession.inRoom("bob", "outra", chat.binder()));
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", chat.binder()));

        ana.type("/users outra");
        ana.awaitShown("Users in outra: bob");
        ana.type("/users naoexiste");
        ana.awaitShown("No room naoexiste.");
        ana.type("/users");
        ana.awaitShown("Users in the room: ana");
        bob.type("/users sala");
        bob.awaitShown("Users in sala: ana");
    }

    @Test
    void anUnknownRoomIsSaidSoInPortuguese() {
        TypedSession ana = person(TypedSession.start("ana", chat.binder(), Language.PT));
        ana.type("ana");
        ana.awaitShown("Registrado com sucesso.");
        ana.type("/users naoexiste");
        ana.awaitShown("Não existe a sala naoexiste.");
    }

    private static String last(TypedSession person) {
        List<String> lines = person.screen().lines();
        return lines.get(lines.size() - 1);
    }
}
