package chat.client;

import java.util.Locale;

/** The language the client speaks to the person: Portuguese, as the original, or English. */
public enum Language {
    /** Portuguese (Brazil), the original's language. */
    PT(Locale.forLanguageTag("pt-BR")),
    /** English. */
    EN(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /** {@return the locale the texts are read and formatted in} */
    public Locale locale() {
        return locale;
    }

    /** {@return the code the person types after {@code --lang}: {@code pt} or {@code en}} */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Portuguese for any Portuguese locale, English for everything else.
     *
     * @param locale a locale, as the system's
     * @return the language
     */
    public static Language of(Locale locale) {
        return "pt".equals(locale.getLanguage()) ? PT : EN;
    }

    /**
     * Reads {@code pt} or {@code en}, in any case, with or without a region ({@code pt_BR}, {@code en-US}).
     *
     * @param text what the person typed
     * @throws IllegalArgumentException anything else, with a message that names the accepted values
     * @return the language
     */
    public static Language parse(String text) {
        String language = text.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        for (Language candidate : values()) {
            if (candidate.code().equals(language)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a language this client speaks (use pt or en)");
    }
}
