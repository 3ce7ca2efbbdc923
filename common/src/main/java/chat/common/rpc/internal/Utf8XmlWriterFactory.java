package chat.common.rpc.internal;

import org.apache.ws.commons.serialize.CharSetXMLWriter;
import org.apache.ws.commons.serialize.XMLWriter;
import org.apache.xmlrpc.serializer.BaseXmlWriterFactory;

/**
 * Writes characters outside the Basic Multilingual Plane (emoji) as UTF-8. The library's writer
 * would emit each half of a surrogate pair as its own character reference ({@code &#55357;&#56832;}),
 * which is not XML and which Python's parser rejects.
 */
public final class Utf8XmlWriterFactory extends BaseXmlWriterFactory {
    @Override
    protected XMLWriter newXmlWriter() {
        return new CharSetXMLWriter() {
            @Override
            public boolean canEncode(char c) {
                return Character.isSurrogate(c) || super.canEncode(c);
            }
        };
    }
}
