package chat.common.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.junit.jupiter.api.Test;
import org.xml.sax.ContentHandler;
import org.xml.sax.helpers.AttributesImpl;

class Utf8XmlWriterFactoryTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ContentHandler writer = new Utf8XmlWriterFactory().getXmlWriter(new XmlRpcHttpRequestConfigImpl(), out);

    private String document(String text) throws Exception {
        writer.startDocument();
        writer.startElement("", "string", "string", new AttributesImpl());
        writer.characters(text.toCharArray(), 0, text.length());
        writer.endElement("", "string", "string");
        writer.endDocument();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void emojiAndAccentsAreWrittenAsUtf8AndMarkupIsEscaped() throws Exception {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><string>olá 😀 a&lt;b&gt;&amp;c</string>",
                document("olá 😀 a<b>&c"));
    }

    @Test
    void aLoneSurrogateHalfBecomesAQuestionMarkNotAReference() throws Exception {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><string>x?y</string>", document("x\uD83Dy"));
    }

    @Test
    void nothingReachesTheStreamBeforeTheDocumentEnds() throws Exception {
        writer.startDocument();
        writer.startElement("", "string", "string", new AttributesImpl());
        assertEquals(0, out.size());
        writer.endElement("", "string", "string");
        writer.endDocument();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><string/>", out.toString(StandardCharsets.UTF_8));
    }
}
