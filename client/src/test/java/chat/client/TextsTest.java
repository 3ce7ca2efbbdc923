package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.common.Message;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
            for (Object[] args : List.of(new Object[] {"A", "B", "C"}, new Object[] {1L, 1L, 1L}, new Object[] {2, 3, 4})) {
                if (args[0] instanceof String && counts(language, key)) {
                    continue;
                }
                String text = texts.get(key, args);
                assertFalse(text.contains("{") || text.contains("}"), key + ": " + text);
                assertFalse(text.isBlank(), key);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aCountOfOneIsNeverFollowedByAPlural(Language language) {
        Texts texts = Texts.of(language);
        Pattern onePlural = Pattern.compile("(?<![\\d.,])1 (messages|characters|users|rooms|seconds|mensagens"
                + "|caracteres|usuários|salas|segundos)\\b");
        for (String key : keys(language)) {
            String text = texts.get(key, 1, 1, 1);
            assertFalse(onePlural.matcher(text).find(), key + ": " + text);
        }
    }

    @Test
    void countsChooseTheSingularOrThePluralInBothLanguages() {
        assertEquals("The last message in sala:", en.get("history.title", 1, "sala"));
        assertEquals("The last 2 messages in sala:", en.get("history.title", 2, "sala"));
        assertEquals("A última mensagem em sala:", pt.get("history.title", 1, "sala"));
        assertEquals("As últimas 20 mensagens em sala:", pt.get("history.title", 20, "sala"));
        assertEquals("As últimas 1.000 mensagens em sala:", pt.get("history.title", 1000, "sala"),
                "a count is written as the language writes numbers");
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
        assertEquals("Users in the room: 5000", en.get("room.users", "5000"));
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

    /** Whether the text under {@code key} chooses its words by a count, which must then be a number. */
    private static boolean counts(Language language, String key) {
        return bundle(language).getString(key).contains(",choice,");
    }

    private static ResourceBundle bundle(Language language) {
        return ResourceBundle.getBundle(Texts.BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static Set<String> keys(Language language) {
        return new TreeSet<>(Collections.list(bundle(language).getKeys()));
    }
}
