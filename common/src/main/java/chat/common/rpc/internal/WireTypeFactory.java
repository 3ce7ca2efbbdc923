package chat.common.rpc.internal;

import org.apache.ws.commons.util.NamespaceContextImpl;
import org.apache.xmlrpc.common.TypeFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcController;
import org.apache.xmlrpc.common.XmlRpcStreamConfig;
import org.apache.xmlrpc.parser.NullParser;
import org.apache.xmlrpc.parser.TypeParser;
import org.apache.xmlrpc.serializer.NullSerializer;
import org.apache.xmlrpc.serializer.TypeSerializer;
import org.apache.xmlrpc.serializer.TypeSerializerImpl;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * The library's types plus Python's bare {@code <nil/>}, read and written without turning on the
 * library's extensions (which would also enable Java serialization). Apache's namespaced
 * {@code <ex:nil/>} is read too.
 */
public final class WireTypeFactory extends TypeFactoryImpl {
    private static final TypeSerializer NIL_SERIALIZER = new NilSerializer();

    public WireTypeFactory(XmlRpcController controller) {
        super(controller);
    }

    @Override
    public TypeSerializer getSerializer(XmlRpcStreamConfig config, Object value) throws SAXException {
        return value == null ? NIL_SERIALIZER : super.getSerializer(config, value);
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
