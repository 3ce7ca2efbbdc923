package chat.common.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.xmlrpc.common.TypeFactory;
import org.apache.xmlrpc.common.TypeFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.common.XmlRpcStreamConfig;
import org.apache.xmlrpc.serializer.DefaultXMLWriterFactory;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.apache.xmlrpc.server.XmlRpcServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.ContentHandler;

/**
 * The factory's own string and struct serializers write the very bytes the library's do; its doubles are the
 * specification's decimal notation, where the library writes Java's exponent. The comparisons with the library
 * use doubles both write alike (between 0.001 and 10 million).
 */
class WireTypeFactoryTest {
    private final XmlRpcServer controller = new XmlRpcServer();

    private static String write(TypeFactory types, Object value) throws Exception {
        XmlRpcHttpRequestConfigImpl config = new XmlRpcHttpRequestConfigImpl();
        config.setEncoding(XmlRpcStreamConfig.UTF8_ENCODING);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XmlRpcWriter(config, new Utf8XmlWriterFactory().getXmlWriter(config, out), types).write(config, value);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> message(String content, double timestamp) {
        Map<String, Object> struct = new HashMap<>(8);
        struct.put("type", "broadcast");
        struct.put("origin", "ana");
        struct.put("destination", "bob & <cid>");
        struct.put("content", content);
        struct.put("timestamp", timestamp);
        return struct;
    }

    /** The library's own stack: its serializers and its XML writer, over an OutputStreamWriter. */
    private String writeAsTheLibrary(Object value) throws Exception {
        XmlRpcHttpRequestConfigImpl config = new XmlRpcHttpRequestConfigImpl();
        config.setEncoding(XmlRpcStreamConfig.UTF8_ENCODING);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentHandler handler = new DefaultXMLWriterFactory().getXmlWriter(config, out);
        new XmlRpcWriter(config, handler, new TypeFactoryImpl(controller)).write(config, value);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anAnswerIsTheLibrarysBytesExactly() throws Exception {
        List<Object> messages = new ArrayList<>();
        messages.add(message("olá, ação: <tag> & \"quoted\" 'single'\ttab\nline ÿ ĀЖ€", 1_234.125));
        messages.add(message("", 0.0));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("cursor", 42);
        answer.put("messages", messages);
        answer.put("a<b>&c", List.of("x", 1, true, 2.5, new Object[] {"y", Map.of("deep", "é")}));
        assertEquals(writeAsTheLibrary(answer), write(new WireTypeFactory(controller), answer));
    }

    @Test
    void stringsAndStructsAreWrittenAsTheLibraryWritesThem() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("", "");
        nested.put("a<b>&c", List.of("x", 1, true, 2.5));
        nested.put("emoji 😀 olá", new Object[] {"y", Map.of("deep", "é")});
        List<Object> messages = new ArrayList<>();
        messages.add(message("olá 😀 <tag> & \"quoted\" 'single'\ttab\nline", 1_234.125));
        messages.add(message("x".repeat(5000), 0.0));
        messages.add(message("", -1.5));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("cursor", 42);
        answer.put("messages", messages);
        answer.put("nested", nested);
        for (Object value : List.of(answer, "just a string", List.of("a", "b"), nested, Map.of())) {
            assertEquals(write(new TypeFactoryImpl(controller), value), write(new WireTypeFactory(controller), value));
        }
    }

    @Test
    void aTimestampIsWrittenInDecimalNotationWithEveryDigit() throws Exception {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value>"
                + "<double>1796425579.0303068</double></value></param></params></methodResponse>",
                write(new WireTypeFactory(controller), 1.7964255790303068E9));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("cursor", 42);
        answer.put("messages", List.of(message("oi", 1.7964255790303068E9)));
        String written = write(new WireTypeFactory(controller), answer);
        assertTrue(written.contains("<name>timestamp</name><value><double>1796425579.0303068</double></value>"), written);
    }

    @Test
    void largeAndSmallDoublesHaveNoExponent() {
        assertEquals("10000000000.0", WireTypeFactory.decimal(1e10));
        assertEquals("0.00000015", WireTypeFactory.decimal(1.5e-7));
        assertEquals("-2500000.5", WireTypeFactory.decimal(-2_500_000.5));
        assertEquals("100.0", WireTypeFactory.decimal(100));
        assertEquals("0.0", WireTypeFactory.decimal(0.0));
        assertEquals("-0.0", WireTypeFactory.decimal(-0.0));
        assertEquals("0.1", WireTypeFactory.decimal(0.1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.7964255790303068E9, 1_764_000_000.125, 1.7e9 + 1e-6, 0.1, 1.0 / 3, -1.5, 1e22, 1e-7,
            Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, -0.0, 0.0, 123_456_789_012_345_680.0})
    void everyDoubleIsDigitsAPeriodAndDigitsThatReadBackAsTheSameValue(double value) {
        String text = WireTypeFactory.decimal(value);
        assertTrue(text.matches("-?[0-9]+\\.[0-9]+"), text);
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
    }
}
