package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.BinderClient;
import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole conversation driven by typing, against a Binder and a chat server on free ports. */
class ChatSessionTest {
    private static final String MAIN_MENU = "[Create room (c), Enter room (e), List rooms (l), Quit (s)]:";
    private static final String ROOM_MENU = "[Send message (m), List users (l), Leave room (s)]:";

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
    void aTakenNameIsAskedAgainUntilOneIsFree() {
        person(TypedSession.registered("ana", chat.binder()));
        TypedSession other = person(TypedSession.start("other", chat.binder(), Language.EN));

        other.type("ana");
        other.awaitShown("Username already taken, try another.");
        other.type("   ");
        other.awaitShown("The username cannot be empty.");
        other.type("bia");
        other.awaitShown(MAIN_MENU);

        assertEquals(List.of("Type a unique username: ana", "Username already taken, try another.",
                "Type a unique username:", "The username cannot be empty.", "Type a unique username: bia",
                "Registered.", MAIN_MENU), other.screen().lines());
    }

    @Test
    void createsListsAndEntersARoomSeeingItsUsersAndRecentMessages() {
        TypedSession ana = person(TypedSession.registered("ana", chat.binder()));
        ana.type("l");
        ana.awaitShown("No rooms yet.");
        ana.type("c", "geral");
        ana.awaitShown("Room created.");
        ana.type("c", "geral");
        ana.awaitShown("A room with that name already exists.");
        ana.type("c", "outra", "l");
        ana.awaitShown("Rooms: geral, outra");
        ana.type("e", "nenhuma");
        ana.awaitShown("Room not found.");

        ana.type("e", "geral", "m", "primeira", "");
        ana.awaitShown("ana: primeira");
        TypedSession bia = person(TypedSession.registered("bia", chat.binder()));
        bia.type("e", "geral");

        bia.awaitShown(ROOM_MENU);
        List<String> screen = bia.screen().lines();
        int entered = screen.indexOf("You entered the room geral.");
        assertEquals(List.of("You entered the room geral.", "Users in the room: ana, bia", "Recent messages:",
                "* ana joined the room.", "ana: primeira", "* bia joined the room.", ROOM_MENU),
                screen.subList(entered, screen.size()));
    }

    @Test
    void aBroadcastReachesEveryoneAndAPrivateMessageOnlyItsSenderAndRecipient() {
        chat.server().service().createRoom("sala");
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", chat.binder()));
        TypedSession bob = person(TypedSession.inRoom("bob", "sala", chat.binder()));
        TypedSession cid = person(TypedSession.inRoom("cid", "sala", chat.binder()));
        ana.awaitShown("* cid joined the room.");

        ana.type("m", "olá, ação!", "");
        bob.awaitShown("ana: olá, ação!");
        cid.awaitShown("ana: olá, ação!");

        ana.type("m", "só para o bob", "bob");
        bob.awaitShown("[private] ana → bob: só para o bob");
        ana.awaitShown("[private] ana → bob: só para o bob");
        ana.type("m", "depois", "");
        cid.awaitShown("ana: depois");

        // Messages arrive in order, so cid has been past the private one: it never showed.
        assertFalse(cid.screen().raw().contains("só para o bob"), cid.screen().dump());
        assertEquals(1, bob.screen().count("ana: olá, ação!"));
        assertEquals(1, ana.screen().count("ana: olá, ação!"), "the sender sees its own message once");
    }

    @Test
    void aMessageToSomeoneNotInTheRoomIsNotSentAndAnEmptyOneIsNotSent() {
        chat.server().service().createRoom("sala");
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", chat.binder()));

        ana.type("m", "oi", "ninguém");
        ana.awaitShown("Message not sent: ninguém is not in the room.");
        ana.type("m", "  ", "");
        ana.awaitShown("Empty message; nothing was sent.");
        ana.type("x");
        ana.awaitShown("Unknown option: x");
    }

    @Test
    void listsTheRoomsUsersAndLeavesBackToTheMainMenuThenQuits() {
        chat.server().service().createRoom("sala");
        TypedSession ana = person(TypedSession.inRoom("ana", "sala", chat.binder()));
        TypedSession bob = person(TypedSession.inRoom("bob", "sala", chat.binder()));

        ana.type("l");
        ana.awaitShown("Users in the room: ana, bob");
        ana.type("s");
        ana.awaitShown("You left the room sala.");
        bob.awaitShown("* ana left the room.");
        assertEquals(List.of("bob"), chat.server().service().listUsers("sala"));

        Await.until("ana back at the main menu", () -> last(ana.screen().lines(), 1).equals(List.of(MAIN_MENU)));
        ana.quit();
        assertEquals("Goodbye.", ana.screen().lines().get(ana.screen().lines().size() - 1));
    }

    @Test
    void afterLeavingAndEnteringAgainEachNewMessageShowsOnceFromOnePoller() {
        chat.server().service().createRoom("volta");
        TypedSession ana = person(TypedSession.inRoom("ana", "volta", chat.binder()));
        TypedSession bob = person(TypedSession.inRoom("bob", "volta", chat.binder()));
        ana.type("s");
        ana.awaitShown("You left the room volta.");
        ana.type("e", "volta");
        ana.awaitShown("Users in the room: bob, ana");
        Await.until("one poller for the room", () -> feedThreads("volta") == 2); // ana's and bob's

        bob.type("m", "uma vez", "");
        ana.awaitShown("bob: uma vez");
        bob.type("m", "e outra", "");
        ana.awaitShown("bob: e outra");

        assertEquals(1, ana.screen().count("bob: uma vez"), ana.screen().dump());
        assertEquals(1, ana.screen().count("bob: e outra"), ana.screen().dump());
        assertEquals(2, feedThreads("volta"));
    }

    @Test
    void enteringARoomAgainShowsOnlyWhatThePersonHasNotSeenThere() {
        chat.server().service().createRoom("volta");
        TypedSession ana = person(TypedSession.inRoom("ana", "volta", chat.binder()));
        ana.type("m", "um", "", "m", "dois", "");
        ana.awaitShown("ana: dois");
        ana.type("s");
        ana.awaitShown("You left the room volta.");
        chat.server().service().registerUser("bob");
        chat.server().service().join("bob", "volta");
        chat.server().service().send("bob", "volta", "três", null);

        ana.type("e", "volta");
        ana.awaitShown("bob: três");
        Await.until("ana's menu in the room again", () -> last(ana.screen().lines(), 1).equals(List.of(ROOM_MENU)));

        List<String> lines = ana.screen().lines();
        assertEquals(List.of("You entered the room volta.", "Users in the room: bob, ana",
                "The 3 messages you already saw in this room are not shown again; /history shows them.",
                "Recent messages:", "* ana left the room.", "* bob joined the room.", "bob: três",
                "* ana joined the room.", ROOM_MENU), lines.subList(lines.lastIndexOf("You entered the room volta."),
                lines.size()));
        assertEquals(1, ana.screen().count("ana: um"), ana.screen().dump());
        ana.type("/history");
        ana.awaitShown("The last 7 messages in volta:");
    }

    @Test
    void endOfInputInARoomLeavesItAndEndsWell() {
        chat.server().service().createRoom("fim");
        TypedSession ana = person(TypedSession.inRoom("ana", "fim", chat.binder()));
        TypedSession bob = person(TypedSession.inRoom("bob", "fim", chat.binder()));

        bob.endInput();

        assertEquals(ChatSession.EXIT_OK, bob.awaitExit());
        ana.awaitShown("* bob left the room.");
        assertEquals(List.of("ana"), chat.server().service().listUsers("fim"));
        assertEquals(List.of("You left the room fim.", "Goodbye."), last(bob.screen().lines(), 2));
        Await.until("bob's poller to stop", () -> feedThreads("fim") == 1);
    }

    @Test
    void endOfInputBeforeANameEndsWithoutRegistering() {
        TypedSession ana = person(TypedSession.start("ana", chat.binder(), Language.EN));
        ana.endInput();
        assertEquals(ChatSession.EXIT_OK, ana.awaitExit());
        assertTrue(chat.server().service().registerUser("ana"), "the name is still free");
    }

    @Test
    void aBinderThatIsNotRunningGivesOneClearLineAndExitsNonZero() throws IOException {
        TypedSession ana = person(TypedSession.start("ana", new Endpoint("localhost", freePort()), Language.EN));

        assertEquals(ChatSession.EXIT_UNREACHABLE, ana.awaitExit());
        List<String> screen = ana.screen().lines();
        assertEquals(1, screen.size(), ana.screen().dump());
        assertTrue(screen.get(0).startsWith("Cannot reach the Binder at localhost:"), screen.get(0));
        assertTrue(screen.get(0).endsWith("Is it running? See --binder-host and --binder-port."), screen.get(0));
    }

    @Test
    void aBinderWithoutServersGivesOneClearLineInPortuguese() throws IOException {
        try (BinderServer empty = BinderServer.start(BinderConfig.ephemeral())) {
            TypedSession ana = person(TypedSession.start("ana", empty.endpoint(), Language.PT));

            assertEquals(ChatSession.EXIT_UNREACHABLE, ana.awaitExit());
            assertEquals(List.of("Nenhum servidor de chat está registrado no Binder em " + empty.endpoint()
                    + " (para register_user). Inicie um servidor."), ana.screen().lines());
        }
    }

    @Test
    void aServerFoundDeadBeforeANameIsSaidAtOnceAndTheNameIsAskedAgain() throws IOException {
        chat.server().close(); // unregisters: what remains is what a killed server leaves, its registrations
        Endpoint dead = new Endpoint("localhost", freePort());
        BinderClient registrar = new BinderClient(chat.binder());
        ChatProcedures.REGISTERED.forEach(name -> registrar.register(name, dead));
        TypedSession ana = person(TypedSession.start("ana", chat.binder(), Language.EN));
        ana.type("ana");

        ana.awaitShown("Server " + dead + " stopped answering (Connection refused); looking for another server for up to "
                + TypedSession.FAST_FAILOVER.toSeconds() + " s.");
        ana.awaitShown("Not done: the chat server at " + dead + " does not answer (Connection refused), and the client "
                + "is still looking for another. Try again in a moment.");
        // The Binder names no live server for the failover time: said once, and the name is still asked for.
        ana.awaitShown("No other server found: The chat server at " + dead + " does not answer (Connection refused). "
                + "Try again later.");
        ana.endInput();

        assertEquals(ChatSession.EXIT_OK, ana.awaitExit());
        assertEquals("Goodbye.", last(ana.screen().lines(), 1).get(0), ana.screen().dump());
        assertEquals(1, ana.screen().lines().stream().filter(line -> line.startsWith("Server ")).count(),
                ana.screen().dump());
    }

    @Test
    void aRestartedServerIsFoundAgainAndTheNameRegisteredAgain() throws IOException {
        TypedSession ana = person(TypedSession.registered("ana", chat.binder()));

        chat.restartServer();
        ana.type("c", "nova");
        ana.awaitShown("Room created.");
        ana.type("e", "nova");
        ana.awaitShown("Users in the room: ana");
        assertEquals(List.of("ana"), chat.server().service().listUsers("nova"));
    }

    @Test
    void speaksPortugueseWithTheOriginalsWords() {
        TypedSession ana = person(TypedSession.start("ana", chat.binder(), Language.PT));
        ana.type("ana", "c", "sala", "e", "sala", "m", "oi", "", "l", "s", "s");

        assertEquals(ChatSession.EXIT_OK, ana.awaitExit());
        assertEquals(List.of(
                "Digite um username único: ana",
                "Registrado com sucesso.",
                "[Criar sala (c), Entrar em sala (e), Listar salas (l), Sair (s)]: c",
                "Nome da sala: sala",
                "Sala criada com sucesso.",
                "[Criar sala (c), Entrar em sala (e), Listar salas (l), Sair (s)]: e",
                "Nome da sala: sala",
                "Entrou na sala sala com sucesso.",
                "Usuários na sala: ana",
                "Últimas mensagens:",
                "* ana entrou na sala.",
                "[Enviar mensagem (m), Listar usuários (l), Sair da sala (s)]: m",
                "Mensagem: oi",
                "Destinatário (vazio para todos):",
                "ana: oi",
                "[Enviar mensagem (m), Listar usuários (l), Sair da sala (s)]: l",
                "Usuários na sala: ana",
                "[Enviar mensagem (m), Listar usuários (l), Sair da sala (s)]: s",
                "Você saiu da sala sala.",
                "[Criar sala (c), Entrar em sala (e), Listar salas (l), Sair (s)]: s",
                "Até logo."), ana.screen().lines());
    }

    private static long feedThreads(String room) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().equals("room-feed-" + room))
                .count();
    }

    private static List<String> last(List<String> lines, int count) {
        return lines.subList(lines.size() - count, lines.size());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
