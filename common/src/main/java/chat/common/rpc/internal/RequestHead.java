package chat.common.rpc.internal;

import chat.common.rpc.internal.HttpRequestReader.Refusal;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The request line and header section of an HTTP request, as far as the endpoint acts on them: how the body is
 * framed (a Content-Length, or chunked), whether the connection stays open, and whether the client waits for a
 * 100 Continue. The other headers stay in {@link #text}, read by name when asked for.
 *
 * <p>Strict where leniency lets requests be smuggled: header names are tokens with no space before the colon, no
 * folded lines, no control characters in values, one Content-Length (or several that agree), never both a
 * Content-Length and a Transfer-Encoding.
 *
 * @param text          the header section as Latin-1 text, lines ending in CRLF or LF, the empty line included
 * @param contentLength the declared body length, or -1 when none is declared
 */
record RequestHead(String method, String target, boolean http11, boolean keepAlive, String text, long contentLength,
                   boolean chunked, boolean expectContinue) {

    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

    /**
     * Reads a request's head: {@code line} is its request line without the line end, {@code text} its header
     * section.
     *
     * @return the {@link RequestHead}, or the {@link Refusal} to answer when the head breaks HTTP or these rules
     */
    static Object parse(String line, String text) {
        int firstSpace = line.indexOf(' ');
        int lastSpace = line.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace) {
            return Refusal.badRequest("the request line is not METHOD TARGET VERSION");
        }
        String method = line.substring(0, firstSpace);
        String target = line.substring(firstSpace + 1, lastSpace);
        String version = line.substring(lastSpace + 1);
        if (!isToken(method, 0, method.length()) || target.isEmpty() || hasControlOrSpace(target)) {
            return Refusal.badRequest("the request line is not METHOD TARGET VERSION");
        }
        boolean http11 = "HTTP/1.1".equals(version);
        if (!http11 && !"HTTP/1.0".equals(version)) {
            return version.startsWith("HTTP/") && version.length() == 8
                    ? new Refusal(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "this server speaks HTTP/1.1 and 1.0")
                    : Refusal.badRequest("the request line is not METHOD TARGET VERSION");
        }
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        boolean keepAliveAsked = false;
        boolean expectContinue = false;
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            int lineEnd = end > at && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (lineEnd == at) {
                break; // the empty line
            }
            char first = text.charAt(at);
            if (first == ' ' || first == '\t') {
                return Refusal.badRequest("a folded header line (obsolete, refused)");
            }
            int colon = text.indexOf(':', at);
            if (colon < 0 || colon > lineEnd || !isToken(text, at, colon)) {
                return Refusal.badRequest("a header line is not NAME: VALUE");
            }
            int valueStart = colon + 1;
            for (int i = valueStart; i < lineEnd; i++) {
                char c = text.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    return Refusal.badRequest("a header value holds a control character");
                }
            }
            String name = text.substring(at, colon);
            String value = text.substring(valueStart, lineEnd).trim();
            if (name.equalsIgnoreCase("content-length")) {
                long length = parseLength(value);
                if (length < 0) {
                    return Refusal.badRequest("Content-Length is not a number of bytes");
                }
                if (contentLength >= 0 && contentLength != length) {
                    return Refusal.badRequest("two different Content-Length headers");
                }
                contentLength = length;
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                if (!value.equalsIgnoreCase("chunked") || chunked) {
                    return new Refusal(HttpResponseStatus.NOT_IMPLEMENTED,
                            "only the chunked transfer encoding is accepted, once");
                }
                chunked = true;
            } else if (name.equalsIgnoreCase("connection")) {
                for (String token : value.split(",")) {
                    String option = token.trim();
                    close |= option.equalsIgnoreCase("close");
                    keepAliveAsked |= option.equalsIgnoreCase("keep-alive");
                }
            } else if (name.equalsIgnoreCase("expect")) {
                if (!value.equalsIgnoreCase("100-continue")) {
                    return new Refusal(HttpResponseStatus.EXPECTATION_FAILED, "only Expect: 100-continue is understood");
                }
                expectContinue = http11;
            }
            at = end + 1;
        }
        if (chunked && contentLength >= 0) {
            return Refusal.badRequest("both a Content-Length and a Transfer-Encoding");
        }
        boolean keepAlive = http11 ? !close : keepAliveAsked && !close;
        return new RequestHead(method, target, http11, keepAlive, text, contentLength, chunked, expectContinue);
    }

    /** A Content-Length value: decimal digits only, at most 18 of them; -1 otherwise. */
    private static long parseLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return value.length() > 18 && value.chars().allMatch(c -> c >= '0' && c <= '9') ? Long.MAX_VALUE : -1;
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** Whether {@code text[from, to)} is a non-empty HTTP token (RFC 9110, 5.6.2). */
    private static boolean isToken(String text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || SEPARATORS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlOrSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
