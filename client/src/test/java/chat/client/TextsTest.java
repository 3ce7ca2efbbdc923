package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.common.Message;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The texts in both languages, and how messages read on the screen. */
class TextsTest {
    private final Texts pt = Texts.of(Language.PT);
    private final Texts en = Texts.of(Language.EN);

    @Test
    void bothLanguagesSayTheSameThings() {
        assertEquals(keys(Language.PT), keys(Language.EN));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyTextFormatsWithoutLeftoverPlaceholders(Language language) {
        Texts texts = Texts.of(language);
        for (String key : keys(language)) {
            String text = texts.get(key, "A", "B", "C");
            assertFalse(text.contains("{") || text.contains("}"), key + ": " + text);
            assertFalse(text.isBlank(), key);
        }
    }

    @Test
    void portugueseUsesTheOriginalsWordsAndKeys() {
        assertEquals("Digite um username único:", pt.get("prompt.username"));
        assertEquals("Registrado com sucesso.", pt.get("registered"));
        assertEquals("Username já em uso, tente novamente.", pt.get("username.taken"));
        assertEquals("Sala criada com sucesso.", pt.get("room.created"));
        assertEquals("Nome da sala já existe.", pt.get("room.exists"));
        assertEquals("Sala não encontrada.", pt.get("room.notFound"));
        assertEquals("[Criar sala (c), Entrar em sala (e), Listar salas (l), Sair (s)]:", pt.get("menu.main"));
        assertEquals("[Enviar mensagem (m), Listar usuários (l), Sair da sala (s)]:", pt.get("menu.room"));
        assertEquals("Destinatário (vazio para todos):", pt.get("prompt.recipient"));
    }

    @Test
    void englishMenusKeepTheOriginalsKeys() {
        assertEquals("[Create room (c), Enter room (e), List rooms (l), Quit (s)]:", en.get("menu.main"));
        assertEquals("[Send message (m), List users (l), Leave room (s)]:", en.get("menu.room"));
    }

    @Test
    void argumentsAreInsertedAsTheyAreNotAsPatterns() {
        assertEquals("Opção desconhecida: {0} it''s 1,000", pt.get("menu.unknown", "{0} it''s 1,000"));
        assertEquals("Users in the room: 5000", en.get("room.users", 5000));
    }

    @Test
    void messagesReadAsOriginColonContent() {
        assertEquals("bob: olá, ação!", new MessageLines(pt).format(Message.broadcast("bob", "olá, ação!", 1)));
        assertEquals("bob: {0}", new MessageLines(en).format(Message.broadcast("bob", "{0}", 1)));
    }

    @Test
    void privateMessagesAreMarkedInEachLanguage() {
        Message secret = Message.unicast("ana", "bob", "oi", 1);
        assertEquals("[privado] ana → bob: oi", new MessageLines(pt).format(secret));
        assertEquals("[private] ana → bob: oi", new MessageLines(en).format(secret));
    }

    @Test
    void systemNoticesAreSetApartAndTranslated() {
        Message joined = Message.notice("João entrou na sala.", 1);
        assertEquals("* João entrou na sala.", new MessageLines(pt).format(joined));
        assertEquals("* João joined the room.", new MessageLines(en).format(joined));
        assertEquals("* João left the room.", new MessageLines(en).format(Message.notice("João saiu da sala.", 1)));
        assertEquals("* A sala fecha logo.", new MessageLines(en).format(Message.notice("A sala fecha logo.", 1)));
    }

    @Test
    void languagesAreReadFromCodesAndLocales() {
        assertEquals(Language.PT, Language.parse(" pt-BR "));
        assertEquals(Language.EN, Language.parse("en_GB"));
        assertThrows(IllegalArgumentException.class, () -> Language.parse("português"));
        assertEquals(Language.PT, Language.of(Locale.forLanguageTag("pt-PT")));
        assertEquals(Language.EN, Language.of(Locale.JAPAN));
    }

    private static Set<String> keys(Language language) {
        ResourceBundle bundle = ResourceBundle.getBundle(Texts.BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new TreeSet<>(Collections.list(bundle.getKeys()));
    }
}
