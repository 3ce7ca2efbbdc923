package chat.common.rpc.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Arrays;
import org.apache.ws.commons.serialize.XMLWriterImpl;
import org.apache.xmlrpc.common.XmlRpcStreamConfig;
import org.apache.xmlrpc.serializer.XmlWriterFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Writes XML-RPC documents as UTF-8, characters outside the Basic Multilingual Plane (emoji) included.
 * The library's writer would emit each half of a surrogate pair as its own character reference
 * ({@code &#55357;&#56832;}), which is not XML and which Python's parser rejects.
 *
 * <p>Cheap per document: the library's factory gives every document an 8 KB {@code BufferedWriter}
 * and an {@code OutputStreamWriter} with its own 8 KB buffer and charset encoder, about 25 KB of
 * garbage for a 200-byte answer, and writes it a synchronized character at a time. Here each character
 * is encoded as it comes, into a byte buffer the thread keeps from one document to the next, and the
 * document reaches the stream in one write when the writer flushes it at its end: no text buffer, no
 * string, no encoder, and nothing allocated per document but the writer itself. A server writing
 * thousands of answers a second makes that much less garbage to collect. A lone surrogate half becomes
 * {@code ?}, as with the library's writer.
 */
public final class Utf8XmlWriterFactory implements XmlWriterFactory {
    @Override
    public ContentHandler getXmlWriter(XmlRpcStreamConfig config, OutputStream stream) {
        return new Utf8XmlWriter(new Utf8Writer(stream));
    }

    /** The library's XML writer, its text escaped and encoded in one pass, and readable from a String as it is. */
    static final class Utf8XmlWriter extends XMLWriterImpl {
        private static final char[] NO_CHARS = new char[0];
        private final Utf8Writer text;

        Utf8XmlWriter(Utf8Writer text) {
            this.text = text;
            setDeclarating(true);
            setEncoding(XmlRpcStreamConfig.UTF8_ENCODING);
            setIndenting(false);
            setFlushing(true);
            setWriter(text);
        }

        @Override
        public boolean canEncode(char c) {
            return true;
        }

        /**
         * As the library writes text (markup characters escaped, every other character as it is, since all can
         * be encoded), in one pass instead of a call to the writer per character.
         */
        @Override
        public void characters(char[] chars, int start, int length) throws SAXException {
            super.characters(NO_CHARS, 0, 0); // ends the start tag before the text, as the library does
            text.escaped(chars, start, length);
        }

        /** The same for a String, which the serializers would otherwise copy into a new char array first. */
        void characters(String chars) throws SAXException {
            super.characters(NO_CHARS, 0, 0);
            text.escaped(chars);
        }
    }

    /** Encodes characters as UTF-8 into a buffer, and writes the buffer to the stream when flushed. */
    static final class Utf8Writer extends Writer {
        /** The room a thread's buffer starts with: most answers fit. */
        private static final int INITIAL_BYTES = 1024;
        /** A buffer grown past this for one large document is not kept for the next. */
        static final int KEPT_BYTES = 64 * 1024;
        private static final ThreadLocal<byte[]> BUFFERS = new ThreadLocal<>();

        private final OutputStream stream;
        /** The thread's buffer while this writer holds it (from its first character to its flush), else null. */
        private byte[] bytes;
        private int length;
        /** A high surrogate waiting for its low half, or 0. */
        private char high;

        Utf8Writer(OutputStream stream) {
            this.stream = stream;
        }

        @Override
        public void write(int c) {
            room(4);
            put((char) c);
        }

        @Override
        public void write(char[] chars, int offset, int count) {
            room(3L * count + 1);
            for (int i = offset; i < offset + count; i++) {
                put(chars[i]);
            }
        }

        @Override
        public void write(String string) {
            write(string, 0, string.length());
        }

        @Override
        public void write(String string, int offset, int count) {
            room(3L * count + 1);
            for (int i = offset; i < offset + count; i++) {
                put(string.charAt(i));
            }
        }

        @Override
        public Writer append(CharSequence chars) {
            write(chars.toString());
            return this;
        }

        /** Writes text with {@code &}, {@code <} and {@code >} escaped as the library's writer escapes them. */
        void escaped(char[] chars, int offset, int count) {
            room(5L * count + 1); // &amp; is the longest
            for (int i = offset; i < offset + count; i++) {
                escaped(chars[i]);
            }
        }

        void escaped(String chars) {
            int count = chars.length();
            room(5L * count + 1);
            for (int i = 0; i < count; i++) {
                escaped(chars.charAt(i));
            }
        }

        private void escaped(char c) {
            if (c < 0x80 && high == 0 && c != '&' && c != '<' && c != '>') {
                bytes[length++] = (byte) c;
            } else if (c == '&') {
                ascii("&amp;");
            } else if (c == '<') {
                ascii("&lt;");
            } else if (c == '>') {
                ascii("&gt;");
            } else {
                put(c);
            }
        }

        private void ascii(String entity) {
            if (high != 0) {
                high = 0;
                bytes[length++] = '?';
            }
            for (int i = 0; i < entity.length(); i++) {
                bytes[length++] = (byte) entity.charAt(i);
            }
        }

        /**
         * Encodes one character; the caller made room for it: at most 3 bytes a character, and one more for
         * the {@code ?} of a high surrogate left waiting by the previous write (a pair takes 4 bytes for 2).
         */
        private void put(char c) {
            if (c < 0x80 && high == 0) {
                bytes[length++] = (byte) c;
                return;
            }
            if (high != 0) {
                char first = high;
                high = 0;
                if (Character.isLowSurrogate(c)) {
                    int code = Character.toCodePoint(first, c);
                    bytes[length++] = (byte) (0xF0 | (code >> 18));
                    bytes[length++] = (byte) (0x80 | ((code >> 12) & 0x3F));
                    bytes[length++] = (byte) (0x80 | ((code >> 6) & 0x3F));
                    bytes[length++] = (byte) (0x80 | (code & 0x3F));
                    return;
                }
                bytes[length++] = '?';
            }
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                high = c;
            } else if (Character.isLowSurrogate(c)) {
                bytes[length++] = '?';
            } else {
                bytes[length++] = (byte) (0xE0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }

        /** Makes room for {@code count} more bytes, taking the thread's buffer first if this writer has none. */
        private void room(long count) {
            if (bytes == null) {
                bytes = BUFFERS.get();
                BUFFERS.remove(); // another writer on this thread meanwhile (there is none) gets a buffer of its own
                if (bytes == null) {
                    bytes = new byte[INITIAL_BYTES];
                }
            }
            if (count > bytes.length - length) {
                long needed = length + count;
                if (needed > Integer.MAX_VALUE - 8) {
                    throw new OutOfMemoryError("an XML-RPC document of more than 2 GB");
                }
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(bytes.length * 2L, needed)));
            }
        }

        @Override
        public void flush() throws IOException {
            if (high != 0) {
                high = 0;
                room(1);
                bytes[length++] = '?';
            }
            if (bytes != null) {
                byte[] done = bytes;
                int count = length;
                bytes = null;
                length = 0;
                try {
                    stream.write(done, 0, count);
                } finally {
                    if (done.length <= KEPT_BYTES) {
                        BUFFERS.set(done);
                    }
                }
            }
            stream.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            stream.close();
        }
    }
}
