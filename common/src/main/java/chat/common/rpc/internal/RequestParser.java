package chat.common.rpc.internal;

import chat.common.rpc.Faults;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.XmlRpcRequestConfig;
import org.apache.xmlrpc.common.TypeFactory;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.parser.XmlRpcRequestParser;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads an XML-RPC request body into a call, guarded: a reader that refuses a DOCTYPE and fetches nothing
 * ({@link SafeXmlReaders}), values nested at most {@link #MAX_ELEMENT_DEPTH} elements deep ({@link DepthLimit}),
 * no extension types, and a procedure name; anything else is a fault that says what is wrong. Thread-safe.
 */
final class RequestParser {
    /** methodCall, params, param, value, then three elements per nested array or struct: about 40 levels. */
    static final int MAX_ELEMENT_DEPTH = 128;
    /** The library's words for a value type that needs its extensions: "The tag {uri}name is invalid, if ...". */
    private static final Pattern EXTENSION_TAG = Pattern.compile("The tag \\{[^}]*}(\\w+) is invalid, if isEnabledForExtensions");

    private final SafeXmlReaders readers = new SafeXmlReaders();
    private final TypeFactory types;

    /** @param types how the wire's values become Java values */
    RequestParser(TypeFactory types) {
        this.types = types;
    }

    /**
     * The call {@code body} holds, with {@code config} as its settings.
     *
     * @throws XmlRpcException a fault saying what is wrong with the request: {@link Faults#PARSE_ERROR} for XML
     *                         that cannot be read, {@link Faults#INVALID_REQUEST} for what these rules refuse
     */
    XmlRpcRequest parse(XmlRpcStreamRequestConfig config, byte[] body) throws XmlRpcException {
        XmlRpcRequestParser parser = new XmlRpcRequestParser(config, types);
        try {
            XMLReader reader = readers.reader();
            reader.setContentHandler(new DepthLimit(parser, MAX_ELEMENT_DEPTH));
            reader.parse(new InputSource(new ByteArrayInputStream(body)));
        } catch (SAXException e) {
            String why = String.valueOf(e.getMessage());
            Matcher extension = EXTENSION_TAG.matcher(why);
            if (extension.find()) {
                throw new XmlRpcException(Faults.INVALID_REQUEST, "unsupported value type <" + extension.group(1)
                        + ">: XML-RPC extensions (ex:serializable, ex:i8, ...) are not accepted");
            }
            if (e.getException() instanceof XmlRpcException fault) {
                throw fault;
            }
            if (e instanceof DepthLimit.TooDeep) {
                throw new XmlRpcException(Faults.INVALID_REQUEST, e.getMessage() + " (values nested about "
                        + (MAX_ELEMENT_DEPTH - 4) / 3 + " arrays or structs deep at most)");
            }
            // The parser refuses a DOCTYPE once it has read it, or fails inside one (an entity it will not fetch).
            if (why.contains(SafeXmlReaders.DOCTYPE_REFUSED) || Prolog.declaresDoctype(body)) {
                throw new XmlRpcException(Faults.INVALID_REQUEST,
                        "the request has a DOCTYPE declaration; XML-RPC requests must not declare one");
            }
            throw new XmlRpcException(Faults.PARSE_ERROR, "malformed XML-RPC request: " + why);
        } catch (IOException e) {
            throw new XmlRpcException(Faults.PARSE_ERROR, "unreadable XML-RPC request: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        String method = parser.getMethodName();
        if (method == null || method.isEmpty()) {
            throw new XmlRpcException(Faults.INVALID_REQUEST, "the request names no procedure (no methodName)");
        }
        @SuppressWarnings("unchecked")
        List<Object> params = parser.getParams() == null ? List.of() : parser.getParams();
        return new XmlRpcRequest() {
            @Override
            public XmlRpcRequestConfig getConfig() {
                return config;
            }

            @Override
            public String getMethodName() {
                return method;
            }

            @Override
            public int getParameterCount() {
                return params.size();
            }

            @Override
            public Object getParameter(int index) {
                return params.get(index);
            }
        };
    }
}
