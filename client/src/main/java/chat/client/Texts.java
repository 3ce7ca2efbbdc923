package chat.client;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.ResourceBundle;

/**
 * Everything the client says, in one language, read from the bundles {@code chat/client/messages_pt}
 * and {@code messages_en}. Patterns are {@link MessageFormat}s: arguments are {@code {0}}, {@code {1}};
 * a quote is written twice. A count is given as a number, so that its text can choose the singular or the plural
 * ({@code {0,choice,1#one message|1<{0} messages}}); it is written as the language writes numbers.
 */
public final class Texts {
    static final String BUNDLE = "chat.client.messages";

    private final Language language;
    private final ResourceBundle bundle;

    private Texts(Language language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    /**
     * The texts of {@code language}; the system locale plays no part.
     *
     * @param language the language
     * @return its texts
     */
    public static Texts of(Language language) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Texts(language, bundle);
    }

    /** {@return the language of these texts} */
    public Language language() {
        return language;
    }

    /**
     * The text under {@code key} with {@code args} filled in: a number as a count, anything else as its plain
     * {@code String.valueOf} (never read as a pattern).
     *
     * @param key  a key of {@code messages_pt.properties} and {@code messages_en.properties}
     * @param args the values its placeholders take
     * @return the text
     */
    public String get(String key, Object... args) {
        Object[] values = Arrays.stream(args).map(arg -> arg instanceof Number ? arg : String.valueOf(arg)).toArray();
        return new MessageFormat(bundle.getString(key), language.locale()).format(values);
    }
}
