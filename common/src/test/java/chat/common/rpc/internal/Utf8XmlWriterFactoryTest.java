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
    void aSurrogatePairSplitBetweenTwoCallsIsOneCharacter() throws Exception {
        writer.startDocument();
        writer.startElement("", "string", "string", new AttributesImpl());
        char[] smile = "😀".toCharArray();
        writer.characters(smile, 0, 1);
        writer.characters(smile, 1, 1);
        writer.endElement("", "string", "string");
        writer.endDocument();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><string>😀</string>", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aHighSurrogateBeforeMarkupBecomesAQuestionMark() throws Exception {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><string>a?&amp;?&lt;?b</string>",
                document("a\uD83D&\uD83D<\uD83Db"));
    }

    @Test
    void aHighSurrogateLastInTheDocumentBecomesAQuestionMark() throws Exception {
        writer.startDocument();
        writer.characters(new char[] {'a', '\uD83D'}, 0, 2);
        writer.endDocument();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>a?", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void documentsWrittenOneAfterAnotherOnAThreadAreEachWhole() throws Exception {
        String large = "é".repeat(Utf8XmlWriterFactory.Utf8Writer.KEPT_BYTES);
        for (String text : new String[] {"first", large, "second", "x".repeat(5000), "third"}) {
            ByteArrayOutputStream each = new ByteArrayOutputStream();
            ContentHandler another = new Utf8XmlWriterFactory().getXmlWriter(new XmlRpcHttpRequestConfigImpl(), each);
            another.startDocument();
            another.startElement("", "string", "string", new AttributesImpl());
            another.characters(text.toCharArray(), 0, text.length());
            another.endElement("", "string", "string");
            another.endDocument();
            assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><string>" + text + "</string>",
                    each.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyCharacterIsEncodedAsTheJdkEncodesIt() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int c = 0x20; c < 0x10000; c += 7) {
            if (c != '<' && c != '>' && c != '&' && !Character.isSurrogate((char) c)) {
                all.append((char) c);
            }
        }
        all.append("\uD83D\uDE00\uD800\uDC00\uDBFF\uDFFF\t\n\r\"'");
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><string>" + all + "</string>", document(all.toString()));
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
