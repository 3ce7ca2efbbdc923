package chat.server.hostile;

import chat.common.rpc.RawHttp;
import java.util.List;
import java.util.Locale;

/**
 * What no answer to a client may show: Java internals (class names, stack frames, source files) and the
 * server's file paths. Every fault and every error page the hostile suite receives is checked here.
 */
final class Leaks {
    /** Fragments of stack traces, class names, source file names and server-side paths. */
    static final List<String> FORBIDDEN = List.of("java.", "Exception", "at chat.", ".java", "/home", "/work", "/tmp");

    private Leaks() {
    }

    /** Fails when {@code text}, which a client received as {@code what}, shows anything {@link #FORBIDDEN}. */
    static void assertNone(String what, String text) {
        if (text == null) {
            return;
        }
        for (String forbidden : FORBIDDEN) {
            if (text.contains(forbidden)) {
                throw new AssertionError(what + " shows '" + forbidden + "', which no client may see: " + excerpt(text));
            }
        }
    }

    /**
     * Checks a response as a client got it: the fault string of an XML-RPC fault, or the whole body of an
     * HTTP error. A successful call's result is the chat's own data and is not checked.
     */
    static void assertNone(RawHttp.Response response) {
        if (response.status() == 200) {
            String type = String.valueOf(response.header("content-type")).toLowerCase(Locale.ROOT);
            if (type.contains("xml") && response.isFault()) {
                assertNone("fault " + response.faultCode(), response.faultString());
            }
        } else {
            assertNone("HTTP " + response.status() + " body", response.text());
        }
    }

    static String excerpt(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }
}
