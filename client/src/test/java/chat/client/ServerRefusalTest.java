package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.binder.BinderConfig;
import chat.binder.BinderServer;
import chat.common.rpc.Faults;
import chat.common.rpc.RpcFault;
import chat.common.testing.ManualClock;
import chat.server.ChatLimits;
import chat.server.ChatServer;
import chat.server.ServerConfig;
import chat.server.SessionPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server's refusals as the person reads them: in their language, with the numbers the server gave and none of the
 * server's internal names; a refusal the client cannot read keeps the server's words.
 */
class ServerRefusalTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final Texts pt = Texts.of(Language.PT);
    private final Texts en = Texts.of(Language.EN);
    private BinderServer binder;
    private ChatServer server;

    @BeforeEach
    void startBinder() throws IOException {
        binder = BinderServer.start(BinderConfig.ephemeral());
    }

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.close();
        }
        binder.close();
    }

    /** A server with small limits, on a clock that stands still (so a send rate never refills). */
    private ChatClient clientOf(ServerConfig config) throws IOException {
        server = ChatServer.start(config, ManualClock.atSomeInstant());
        return new ChatClient(binder.endpoint(), TIMEOUT);
    }

    private static ChatLimits limits() {
        return ChatLimits.DEFAULTS.withMaxNameLength(8).withMaxMessageLength(10).withMaxUsers(2).withMaxRooms(1)
                .withMaxMessagesPerSecond(1);
    }

    /** What the person reads when {@code call} is refused. */
    private static String refusal(Texts texts, ChatClient client, Consumer<ChatClient> call) {
        ChatCallException refused = assertThrows(ChatCallException.class, () -> call.accept(client));
        assertTrue(refused.isRefusal(), refused.toString());
        return Explanations.of(texts, refused);
    }

    @Test
    void namesThatBreakARuleAreRefusedInThePersonsLanguageWithTheServersNumbers() throws IOException {
        ChatClient client = clientOf(ServerConfig.local(binder.endpoint()).withChatLimits(limits()));

        assertEquals("O servidor recusou o username: tem 13 caracteres; o limite é 8.",
                refusal(pt, client, c -> c.register("nome longo de")));
        assertEquals("The server refused the username: it has 13 characters; the limit is 8.",
                refusal(en, client, c -> c.register("nome longo de")));
        assertEquals("O servidor recusou o username: contém um caractere de controle (U+0085).",
                refusal(pt, client, c -> c.register("an\u0085a")));
        assertEquals("The server refused the username: it begins or ends with a space.",
                refusal(en, client, c -> c.register(" ana")));
        assertEquals("O servidor recusou o nome da sala: contém um caractere invisível de formatação (U+200B).",
                refusal(pt, client, c -> c.createRoom("sa\u200Bla")));
        assertEquals("The server refused the room name: it contains a line break (U+2028).",
                refusal(en, client, c -> c.createRoom("sa\u2028la")));
    }

    @Test
    void aMessageThatBreaksARuleAndSendingTooFastAreRefusedInThePersonsLanguage() throws IOException {
        ChatClient client = clientOf(ServerConfig.local(binder.endpoint()).withChatLimits(limits()));
        client.register("ana");
        client.createRoom("sala");
        client.join("ana", "sala");

        assertEquals("O servidor recusou a mensagem: tem 11 caracteres; o limite é 10.",
                refusal(pt, client, c -> c.send("ana", "sala", "onze letras", null)));
        assertEquals("The server refused the message: it contains a control character (U+009B); only tabs and "
                + "line breaks are allowed.", refusal(en, client, c -> c.send("ana", "sala", "\u009B2J", null)));
        assertTrue(client.send("ana", "sala", "um", null));
        assertTrue(client.send("ana", "sala", "dois", null)); // a burst of two
        assertEquals("Você está enviando mais rápido do que o servidor permite (1 mensagem por segundo); espere um "
                + "instante e envie de novo.", refusal(pt, client, c -> c.send("ana", "sala", "três", null)));
    }

    @Test
    void aFullServerSaysHowManyItTakesAndWhenToTryAgain() throws IOException {
        ChatClient client = clientOf(ServerConfig.local(binder.endpoint()).withChatLimits(limits()));
        client.register("ana");
        client.register("bia");
        client.createRoom("sala");

        String users = refusal(pt, client, c -> c.register("cid"));
        assertTrue(users.startsWith("O servidor já tem 2 usuários, o máximo que aceita. Um nome fica livre quando seu "
                + "usuário sai, ou após "), users);
        assertTrue(users.endsWith(" s sem nenhuma chamada dele; tente de novo mais tarde."), users);
        assertEquals("The server already has 1 room, as many as it takes. An empty room closes 300 s after its last "
                + "member leaves; try again then.", refusal(en, client, c -> c.createRoom("outra")));
    }

    @Test
    void aServerThatAnswersOnlySessionsSaysSo() throws IOException {
        ChatClient client = clientOf(ServerConfig.local(binder.endpoint()).withSessionPolicy(SessionPolicy.REQUIRE));

        assertEquals("O servidor só atende clientes com sessão, e este não conseguiu abrir uma.",
                refusal(pt, client, c -> c.createRoom("sala")));
    }

    @Test
    void aNameTooLongTypedInPortugueseIsRefusedInPortuguese() throws IOException {
        server = ChatServer.start(ServerConfig.local(binder.endpoint()));
        try (TypedSession ana = TypedSession.start("ana", binder.endpoint(), Language.PT)) {
            String name = "x".repeat(49);
            ana.type(name);
            ana.awaitShown("O servidor recusou o username: tem 49 caracteres; o limite é 32.");
            ana.type("ana");
            ana.awaitShown("Registrado com sucesso.");
            assertFalse(ana.screen().raw().contains("register"), ana.screen().dump());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-32602|register_user: argument 1 (username) must not be empty|O servidor recusou o username: está vazio.",
        "-32602|create_room: argument 1 (room) is too long: 1025 characters, at most 1|"
                + "O servidor recusou o nome da sala: tem 1.025 caracteres; o limite é 1.",
        "-32602|register_session: argument 1 (username) must not contain unassigned characters (U+0378)|"
                + "O servidor recusou o username: contém um caractere que o Unicode não define (U+0378).",
        "-32602|send_message: argument 3 (content) must not contain a lone surrogate (U+D800)|"
                + "O servidor recusou a mensagem: contém um caractere incompleto (U+D800).",
        "-32000|create_room: the server is busy; try again in a moment|"
                + "O servidor está ocupado; tente de novo em instantes.",
        "-32000|register_user: something new|O servidor atingiu um de seus limites; tente de novo mais tarde.",
        "-32000|register_session: this server already has 20000 users, its limit; a name is freed when its user "
                + "quits, or after 1800 s without a call|O servidor já tem 20.000 usuários, o máximo que aceita. Um "
                + "nome fica livre quando seu usuário sai, ou após 1.800 s sem nenhuma chamada dele; tente de novo "
                + "mais tarde.",
        "-32001|send_message: ana is sending faster than 50 messages per second; wait a moment and send again|"
                + "Você está enviando mais rápido do que o servidor permite (50 mensagens por segundo); espere um "
                + "instante e envie de novo.",
        "-32001|send_message: slow down|Você está enviando mais rápido do que o servidor permite; espere um instante "
                + "e envie de novo.",
        "-32002|join_room: no session of ana has this token (a wrong token, or the session ended); register again|"
                + "O servidor não permitiu: a sessão deste cliente para o nome terminou ou não é dele. Saia e escolha "
                + "um nome de novo.",
    })
    void eachRefusalTheServerWordsIsReadInPortuguese(int code, String words, String read) {
        assertEquals(read, explained(pt, code, words));
    }

    @Test
    void whatTheClientCannotReadKeepsTheServersWords() {
        String words = "send_message: argument 2 (room) must be string, got int";
        assertEquals(Optional.empty(), ServerRefusal.read(Faults.INVALID_PARAMS, words));
        assertEquals("O servidor de chat em localhost:1 recusou o pedido: " + words,
                explained(pt, Faults.INVALID_PARAMS, words));
        assertEquals(Optional.empty(), ServerRefusal.read(Faults.INTERNAL_ERROR, "internal server error"));
        assertEquals(Optional.empty(), ServerRefusal.read(1, "<class 'TypeError'>:unsupported operand"));
    }

    @Test
    void aBotReadsWhyItsNameWasRefused() {
        ServerRefusal tooLong = ServerRefusal.read(Faults.INVALID_PARAMS,
                "register_session: argument 1 (username) is too long: 40 characters, at most 32").orElseThrow();
        assertEquals("it has 40 characters; the limit is 32", tooLong.why(en));
        assertEquals("tem 40 caracteres; o limite é 32", tooLong.why(pt));
    }

    private static String explained(Texts texts, int code, String words) {
        return Explanations.of(texts, new ChatCallException(ChatCallException.Reason.SERVER_REFUSED, "localhost:1",
                words, new RpcFault("a_procedure", code, words)));
    }
}
