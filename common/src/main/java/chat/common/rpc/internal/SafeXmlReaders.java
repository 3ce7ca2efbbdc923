package chat.common.rpc.internal;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * SAX readers for untrusted XML-RPC: any DOCTYPE is refused outright, so no entity, internal or
 * external, is ever declared, expanded or fetched; XML-RPC needs none.
 */
public final class SafeXmlReaders {
    private final SAXParserFactory factory;
    private final ThreadLocal<XMLReader> perThread = new ThreadLocal<>();

    public SafeXmlReaders() {
        factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be made safe: " + e.getMessage(), e);
        }
    }

    /**
     * This thread's reader, which reports errors only by throwing them (the parser's default handler
     * prints to stderr). Readers are reused: making one costs more than parsing a chat call, and the
     * parser resets itself at each parse, after errors too.
     */
    public XMLReader reader() throws ParserConfigurationException, SAXException {
        XMLReader reader = perThread.get();
        if (reader == null) {
            reader = factory.newSAXParser().getXMLReader();
            reader.setErrorHandler(THROWING);
            perThread.set(reader);
        }
        return reader;
    }

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
