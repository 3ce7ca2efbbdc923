package chat.common.rpc.internal;

import java.nio.charset.StandardCharsets;

/**
 * What comes before a document's first element, read from its bytes: enough to tell whether it declares
 * a DOCTYPE when the parser failed inside one. Reads ASCII-compatible encodings (UTF-8, Latin-1), which
 * is what XML-RPC clients send; a UTF-16 document with a DOCTYPE is still refused, only as malformed.
 */
final class Prolog {
    private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMENT = "<!--".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Prolog() {
    }

    /** Whether the prolog of {@code document} (declaration, comments, processing instructions) holds a DOCTYPE. */
    static boolean declaresDoctype(byte[] document) {
        int at = startsWith(document, 0, UTF8_BOM) ? UTF8_BOM.length : 0;
        while (at < document.length) {
            byte b = document[at];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                at++;
            } else if (b != '<' || at + 1 >= document.length) {
                return false;
            } else if (document[at + 1] == '?') {
                at = after(document, at + 2, "?>");
            } else if (startsWith(document, at, COMMENT)) {
                at = after(document, at + COMMENT.length, "-->");
            } else {
                return startsWith(document, at, DOCTYPE);
            }
        }
        return false;
    }

    /** The index just past the first {@code end} at or after {@code from}; the length when there is none. */
    private static int after(byte[] document, int from, String end) {
        byte[] marker = end.getBytes(StandardCharsets.US_ASCII);
        for (int i = from; i + marker.length <= document.length; i++) {
            if (startsWith(document, i, marker)) {
                return i + marker.length;
            }
        }
        return document.length;
    }

    private static boolean startsWith(byte[] document, int at, byte[] prefix) {
        if (at + prefix.length > document.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (document[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
