package chat.common.rpc.internal;

import com.ctc.wstx.sax.WstxSAXParserFactory;
import com.ctc.wstx.stax.WstxInputFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * SAX readers for untrusted XML-RPC: any DOCTYPE is refused outright, so no entity, internal or
 * external, is ever declared, expanded or fetched; XML-RPC needs none. The parser is Woodstox with its
 * DTD support off (a DOCTYPE is skipped unread, never processed) and external entities off; the
 * DOCTYPE itself is then refused when the parser reports it.
 */
public final class SafeXmlReaders {
    /** The refusal's words; {@link StreamProcessor} answers it as the request's mistake. */
    static final String DOCTYPE_REFUSED = "a DOCTYPE declaration is not allowed";

    private final WstxSAXParserFactory factory;
    private final ThreadLocal<XMLReader> perThread = new ThreadLocal<>();

    public SafeXmlReaders() {
        WstxInputFactory input = new WstxInputFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        input.setProperty(XMLInputFactory.IS_VALIDATING, false);
        input.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external entities are not fetched: " + systemId);
        });
        factory = new WstxSAXParserFactory(input);
        factory.setNamespaceAware(true);
        factory.setValidating(false);
    }

    /**
     * This thread's reader, which reports errors only by throwing them and refuses any DOCTYPE. Readers
     * are reused: the parser starts afresh at each parse, after errors too.
     */
    public XMLReader reader() throws ParserConfigurationException, SAXException {
        XMLReader reader = perThread.get();
        if (reader == null) {
            reader = factory.newSAXParser().getXMLReader();
            reader.setErrorHandler(THROWING);
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", REFUSING_DOCTYPE);
            perThread.set(reader);
        }
        return reader;
    }

    private static final DefaultHandler2 REFUSING_DOCTYPE = new DefaultHandler2() {
        @Override
        public void startDTD(String name, String publicId, String systemId) throws SAXException {
            throw new SAXException(DOCTYPE_REFUSED);
        }
    };

    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
