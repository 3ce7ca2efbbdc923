package chat.common.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.xml.sax.ContentHandler;

/** The factory's own string and struct serializers write the very bytes the library's do. */
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
        messages.add(message("olá, ação: <tag> & \"quoted\" 'single'\ttab\nline ÿ ĀЖ€", 1.7e9 + 0.125));
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
        messages.add(message("olá 😀 <tag> & \"quoted\" 'single'\ttab\nline", 1.7e9 + 0.125));
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
}
