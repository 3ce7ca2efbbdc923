package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressBlockTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @CsvSource({
            "10.1.0.0/16, 10.1.0.0, true",
            "10.1.0.0/16, 10.1.255.254, true",
            "10.1.0.0/16, 10.2.0.1, false",
            "10.1.0.0/16, 9.1.0.1, false",
            "127.0.0.0/8, 127.0.0.1, true",
            "127.0.0.0/8, 127.255.255.255, true",
            "127.0.0.0/8, 128.0.0.1, false",
            "203.0.113.9, 203.0.113.9, true",
            "203.0.113.9, 203.0.113.10, false",
            "0.0.0.0/0, 198.51.100.1, true",
            "192.168.4.0/22, 192.168.7.200, true",
            "192.168.4.0/22, 192.168.8.1, false",
            "::1, ::1, true",
            "::1, ::2, false",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe80::1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "::/0, 2001:db8::1, true",
    })
    void containsTheAddressesOfItsBlockAndNoOthers(String block, String address, boolean inside) throws Exception {
        assertEquals(inside, AddressBlock.parse(block).contains(ip(address)), block + " contains " + address);
    }

    @Test
    void anIpv4BlockNeverContainsAnIpv6AddressNorTheReverse() throws Exception {
        assertFalse(AddressBlock.parse("0.0.0.0/0").contains(ip("::1")));
        assertFalse(AddressBlock.parse("::/0").contains(ip("127.0.0.1")));
    }

    @Test
    void anIpv4AddressCarriedInIpv6CountsAsTheIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress loopbackInIpv6 = Inet6Address.getByAddress(null, mapped, -1);

        assertTrue(AddressBlock.parse("127.0.0.0/8").contains(loopbackInIpv6));
        assertFalse(AddressBlock.parse("10.0.0.0/8").contains(loopbackInIpv6));
    }

    @Test
    void anIpv4BlockWrittenInIpv6IsTheIpv4Block() throws Exception {
        AddressBlock block = AddressBlock.parse("::ffff:10.0.0.0/104");

        assertEquals(AddressBlock.parse("10.0.0.0/8"), block);
        assertTrue(block.contains(ip("10.200.0.1")));
    }

    @Test
    void aMissingAddressIsNotContained() {
        assertFalse(AddressBlock.parse("0.0.0.0/0").contains(null));
    }

    @ParameterizedTest
    @CsvSource({
            "10.1.0.0/16, 10.1.0.0/16",
            "203.0.113.9, 203.0.113.9",
            "203.0.113.9/32, 203.0.113.9",
            "::1, ::1",
            "::1/128, ::1",
            "0:0:0:0:0:0:0:1, ::1",
            "fd00::/8, fd00::/8",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "::, ::",
            "'  10.0.0.0/8 ', 10.0.0.0/8",
    })
    void printsInTheShortestUsualForm(String written, String printed) {
        assertEquals(printed, AddressBlock.parse(written).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "", "10.0.0", "10.0.0.256", "1.2.3.4.5", "10.0.0.0/33",
            "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8/8", "::1/129", "fe80::1%eth0", "[::1]", "::g", "1:2:3:4:5:6:7:8:9",
            "0x7f.0.0.1", "127.1", "10.0.0.0/ 8", "*"})
    void refusesWhatIsNotANumericAddressOrBlock(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse(text));

        assertTrue(e.getMessage().contains(text.strip()), e.getMessage());
    }

    @Test
    void aHostNameIsRefusedSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("localhost"));

        assertEquals("'localhost' is not an IP address or CIDR block such as 10.1.0.0/16, 203.0.113.9 or ::1"
                + " (host names are not accepted)", e.getMessage());
    }

    @Test
    void aBlockWithBitsSetAfterItsPrefixIsRefusedWithTheBlockMeant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("10.1.2.3/16"));

        assertEquals("10.1.2.3/16 has bits set after its first 16; did you mean 10.1.0.0/16?", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("fd00::1/8"));
    }

    @Test
    void anIpv4BlockWrittenInIpv6NeedsAPrefixOfAtLeast96() {
        assertThrows(IllegalArgumentException.class, () -> AddressBlock.parse("::ffff:10.0.0.0/95"));
    }
}
