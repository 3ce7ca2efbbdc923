package chat.common.rpc.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import org.apache.ws.commons.serialize.XMLWriter;
import org.apache.ws.commons.serialize.XMLWriterImpl;
import org.apache.xmlrpc.common.XmlRpcStreamConfig;
import org.apache.xmlrpc.serializer.XmlWriterFactory;
import org.xml.sax.ContentHandler;

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
        XMLWriter writer = new XMLWriterImpl() {
            @Override
            public boolean canEncode(char c) {
                return true;
            }
        };
        writer.setDeclarating(true);
        writer.setEncoding(XmlRpcStreamConfig.UTF8_ENCODING);
        writer.setIndenting(false);
        writer.setFlushing(true);
        writer.setWriter(new Utf8Writer(stream));
        return writer;
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
            put((char) c);
        }

        @Override
        public void write(char[] chars, int offset, int count) {
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
            for (int i = offset; i < offset + count; i++) {
                put(string.charAt(i));
            }
        }

        @Override
        public Writer append(CharSequence chars) {
            for (int i = 0; i < chars.length(); i++) {
                put(chars.charAt(i));
            }
            return this;
        }

        private void put(char c) {
            if (high != 0) {
                char first = high;
                high = 0;
                if (Character.isLowSurrogate(c)) {
                    int code = Character.toCodePoint(first, c);
                    room(4);
                    bytes[length++] = (byte) (0xF0 | (code >> 18));
                    bytes[length++] = (byte) (0x80 | ((code >> 12) & 0x3F));
                    bytes[length++] = (byte) (0x80 | ((code >> 6) & 0x3F));
                    bytes[length++] = (byte) (0x80 | (code & 0x3F));
                    return;
                }
                room(1);
                bytes[length++] = '?';
            }
            if (c < 0x80) {
                room(1);
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                room(2);
                bytes[length++] = (byte) (0xC0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                high = c;
            } else if (Character.isLowSurrogate(c)) {
                room(1);
                bytes[length++] = '?';
            } else {
                room(3);
                bytes[length++] = (byte) (0xE0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }

        /** Makes room for {@code count} more bytes, taking the thread's buffer first if this writer has none. */
        private void room(int count) {
            if (bytes == null) {
                bytes = BUFFERS.get();
                BUFFERS.remove(); // another writer on this thread meanwhile (there is none) gets a buffer of its own
                if (bytes == null) {
                    bytes = new byte[INITIAL_BYTES];
                }
            }
            if (length + count > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
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
