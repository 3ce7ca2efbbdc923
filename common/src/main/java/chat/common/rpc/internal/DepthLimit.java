package chat.common.rpc.internal;

import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;

/**
 * Passes SAX events on to the XML-RPC parser, refusing elements nested deeper than a limit. The
 * library's parser recurses once per nested array or struct, so without this a request of a few
 * hundred kilobytes of {@code <array>}s overflows the stack.
 */
final class DepthLimit implements ContentHandler {
    /** Too deep: a {@link SAXException} whose message says so. */
    static final class TooDeep extends SAXException {
        private static final long serialVersionUID = 1L;

        TooDeep(int max) {
            super("the request nests elements more than " + max + " deep");
        }
    }

    private final ContentHandler next;
    private final int max;
    private int depth;

    DepthLimit(ContentHandler next, int max) {
        this.next = next;
        this.max = max;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (++depth > max) {
            throw new TooDeep(max);
        }
        next.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        depth--;
        next.endElement(uri, localName, qName);
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        next.setDocumentLocator(locator);
    }

    @Override
    public void startDocument() throws SAXException {
        next.startDocument();
    }

    @Override
    public void endDocument() throws SAXException {
        next.endDocument();
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        next.startPrefixMapping(prefix, uri);
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        next.endPrefixMapping(prefix);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        next.characters(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        next.ignorableWhitespace(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        next.processingInstruction(target, data);
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        next.skippedEntity(name);
    }
}
