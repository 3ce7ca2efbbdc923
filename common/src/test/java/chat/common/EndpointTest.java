package chat.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void toWireIsTheAddressThenThePortAsAnInt() {
        Object[] wire = new Endpoint("localhost", 6001).toWire();

        assertArrayEquals(new Object[] {"localhost", 6001}, wire);
        assertInstanceOf(Integer.class, wire[1]);
    }

    @Test
    void fromWireReadsWhatToWireWrote() {
        Endpoint endpoint = new Endpoint("sala.exemplo.br", 65535);

        assertEquals(endpoint, Endpoint.fromWire(endpoint.toWire()));
    }

    @Test
    void fromWireReadsAListToo() {
        assertEquals(new Endpoint("10.0.0.7", 5000), Endpoint.fromWire(List.of("10.0.0.7", 5000)));
    }

    static Stream<Object> notAnEndpoint() {
        return Stream.of(
                new Object[] {"localhost"},
                new Object[] {"localhost", 5000, "extra"},
                new Object[] {5000, "localhost"},
                new Object[] {"localhost", "5000"},
                new Object[] {null, 5000},
                "localhost:5000",
                null);
    }

    @ParameterizedTest
    @MethodSource("notAnEndpoint")
    void fromWireRefusesAnythingButAddressAndPort(Object wire) {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.fromWire(wire));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void refusesAPortOutsideOneTo65535(int port) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Endpoint("localhost", port));
        assertTrue(e.getMessage().contains(Integer.toString(port)), e.getMessage());
    }

    @Test
    void fromWireRefusesAPortOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.fromWire(new Object[] {"localhost", 70000}));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5000, 65535})
    void acceptsEveryRealPort(int port) {
        assertEquals(port, new Endpoint("localhost", port).port());
    }

    @Test
    void refusesABlankOrMissingHost() {
        assertThrows(IllegalArgumentException.class, () -> new Endpoint(" ", 5000));
        assertThrows(NullPointerException.class, () -> new Endpoint(null, 5000));
    }

    @ParameterizedTest
    @CsvSource({
            "localhost, 5000, http://localhost:5000/",
            "127.0.0.1, 6001, http://127.0.0.1:6001/",
            "::1, 6001, http://[::1]:6001/",
            "[::1], 6001, http://[::1]:6001/",
            "2001:db8::7, 80, http://[2001:db8::7]:80/"})
    void urlBracketsIpv6Addresses(String host, int port, String url) {
        assertEquals(url, new Endpoint(host, port).url());
    }

    @Test
    void urlOfAnIpv6EndpointParsesBackToItsHostAndPort() {
        URI uri = URI.create(new Endpoint("::1", 6001).url());

        assertEquals("[::1]", uri.getHost());
        assertEquals(6001, uri.getPort());
        assertEquals("/", uri.getPath());
    }

    @Test
    void printsAsHostColonPort() {
        assertEquals("localhost:5000", new Endpoint("localhost", 5000).toString());
    }

    @ParameterizedTest
    @CsvSource({"localhost:5000, localhost, 5000", "' 10.0.0.1:6001 ', 10.0.0.1, 6001", "[::1]:5000, ::1, 5000",
            "chat.example.org:65535, chat.example.org, 65535"})
    void parseReadsHostColonPort(String text, String host, int port) {
        assertEquals(new Endpoint(host, port), Endpoint.parse(text));
    }

    @Test
    void parseReadsWhatToStringWrote() {
        Endpoint endpoint = new Endpoint("sala.exemplo.br", 5001);

        assertEquals(endpoint, Endpoint.parse(endpoint.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "localhost|'localhost' is not HOST:PORT",
            "localhost:http|'localhost:http' is not HOST:PORT",
            ":5000|':5000' is not HOST:PORT (host must not be blank)",
            "localhost:70000|'localhost:70000' is not HOST:PORT (port must be between 1 and 65535, got 70000)"})
    void parseRefusesAnythingElseQuotingIt(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text)).getMessage());
    }
}
