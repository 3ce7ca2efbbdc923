package chat.common.rpc.internal;

import java.math.BigDecimal;
import java.util.Map;
import org.apache.ws.commons.util.NamespaceContextImpl;
import org.apache.xmlrpc.common.TypeFactory;
import org.apache.xmlrpc.common.TypeFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcController;
import org.apache.xmlrpc.common.XmlRpcStreamConfig;
import org.apache.xmlrpc.parser.NullParser;
import org.apache.xmlrpc.parser.TypeParser;
import org.apache.xmlrpc.serializer.DoubleSerializer;
import org.apache.xmlrpc.serializer.MapSerializer;
import org.apache.xmlrpc.serializer.NullSerializer;
import org.apache.xmlrpc.serializer.TypeSerializer;
import org.apache.xmlrpc.serializer.TypeSerializerImpl;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * The library's types plus Python's bare {@code <nil/>}, read and written without turning on the
 * library's extensions (which would also enable Java serialization). Apache's namespaced
 * {@code <ex:nil/>} is read too. Strings and structs are written as the library writes them, without its
 * copy of every string into a new character array. Doubles are written in the decimal notation the XML-RPC
 * specification asks for ({@code 1796425579.0303068}), where the library writes Java's
 * ({@code 1.7964255790303068E9}).
 */
public final class WireTypeFactory extends TypeFactoryImpl {
    private static final TypeSerializer NIL_SERIALIZER = new NilSerializer();

    public WireTypeFactory(XmlRpcController controller) {
        super(controller);
    }

    @Override
    public TypeSerializer getSerializer(XmlRpcStreamConfig config, Object value) throws SAXException {
        if (value == null) {
            return NIL_SERIALIZER;
        }
        if (value instanceof String) {
            return TEXT_SERIALIZER;
        }
        if (value instanceof Double) {
            return DECIMAL_SERIALIZER;
        }
        if (value instanceof Map && !config.isEnabledForExtensions()) {
            return new StructSerializer(this, config);
        }
        return super.getSerializer(config, value);
    }

    /**
     * Hands {@code text} to {@code handler} as characters: read in place by this package's XML writer, where the
     * library's serializers copy every string into a new array first (twice its length in bytes), for every
     * value and every member name of every answer.
     */
    private static void characters(ContentHandler handler, String text) throws SAXException {
        if (handler instanceof Utf8XmlWriterFactory.Utf8XmlWriter writer) {
            writer.characters(text);
        } else {
            handler.characters(text.toCharArray(), 0, text.length());
        }
    }
    private static final TypeSerializer TEXT_SERIALIZER = new TextSerializer();

    /** A string as the library's serializer writes it ({@code <value>text</value>}, no type tag), without the copy. */
    private static final class TextSerializer extends TypeSerializerImpl {
        @Override
        public void write(ContentHandler handler, Object value) throws SAXException {
            handler.startElement("", VALUE_TAG, VALUE_TAG, ZERO_ATTRIBUTES);
            characters(handler, (String) value);
            handler.endElement("", VALUE_TAG, VALUE_TAG);
        }
    }

    /** A struct as the library's serializer writes it without extensions, its member names without the copy. */
    private static final class StructSerializer extends MapSerializer {
        private final TypeFactory types;
        private final XmlRpcStreamConfig config;

        StructSerializer(TypeFactory types, XmlRpcStreamConfig config) {
            super(types, config);
            this.types = types;
            this.config = config;
        }

        @Override
        protected void writeEntry(ContentHandler handler, Object name, Object value) throws SAXException {
            handler.startElement("", MEMBER_TAG, MEMBER_TAG, ZERO_ATTRIBUTES);
            handler.startElement("", NAME_TAG, NAME_TAG, ZERO_ATTRIBUTES);
            characters(handler, name.toString());
            handler.endElement("", NAME_TAG, NAME_TAG);
            TypeSerializer serializer = types.getSerializer(config, value);
            if (serializer == null) {
                throw new SAXException("Unsupported Java type: " + value.getClass().getName());
            }
            serializer.write(handler, value);
            handler.endElement("", MEMBER_TAG, MEMBER_TAG);
        }
    }

    private static final TypeSerializer DECIMAL_SERIALIZER = new DecimalSerializer();

    /** A double as {@code <value><double>1796425579.0303068</double></value>}: see {@link #decimal}. */
    private static final class DecimalSerializer extends TypeSerializerImpl {
        @Override
        public void write(ContentHandler handler, Object value) throws SAXException {
            handler.startElement("", VALUE_TAG, VALUE_TAG, ZERO_ATTRIBUTES);
            handler.startElement("", DoubleSerializer.DOUBLE_TAG, DoubleSerializer.DOUBLE_TAG, ZERO_ATTRIBUTES);
            characters(handler, decimal((Double) value));
            handler.endElement("", DoubleSerializer.DOUBLE_TAG, DoubleSerializer.DOUBLE_TAG);
            handler.endElement("", VALUE_TAG, VALUE_TAG);
        }
    }

    /**
     * {@code value} as the XML-RPC specification writes a double: an optional minus, digits, a period and digits,
     * never an exponent; with the digits of {@link Double#toString}, which read back as exactly {@code value}, so a
     * timestamp a client sends back is the very one the server wrote. The
     * specification has no form for NaN and the infinities, which the chat never answers; they are written as
     * Java spells them, which Python reads.
     */
    static String decimal(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
        }
        String plain = BigDecimal.valueOf(value).toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    @Override
    public TypeParser getParser(XmlRpcStreamConfig config, NamespaceContextImpl context, String uri, String localName) {
        boolean nil = NullSerializer.NIL_TAG.equals(localName)
                && ("".equals(uri) || XmlRpcWriter.EXTENSIONS_URI.equals(uri));
        return nil ? new NullParser() : super.getParser(config, context, uri, localName);
    }

    /** Writes {@code <value><nil/></value>}, the form Python's xmlrpc reads and writes. */
    private static final class NilSerializer extends TypeSerializerImpl {
        @Override
        public void write(ContentHandler handler, Object value) throws SAXException {
            handler.startElement("", VALUE_TAG, VALUE_TAG, ZERO_ATTRIBUTES);
            handler.startElement("", NullSerializer.NIL_TAG, NullSerializer.NIL_TAG, ZERO_ATTRIBUTES);
            handler.endElement("", NullSerializer.NIL_TAG, NullSerializer.NIL_TAG);
            handler.endElement("", VALUE_TAG, VALUE_TAG);
        }
    }
}
