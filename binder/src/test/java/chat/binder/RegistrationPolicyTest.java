package chat.binder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may register, decided for callers a test on one machine cannot be: other hosts, other networks. */
class RegistrationPolicyTest {
    private static final String SECRET = "correct horse battery staple";

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(literal, e);
        }
    }

    private static RegistrationPolicy allowing(String... blocks) {
        return RegistrationPolicy.allowing(List.of(blocks).stream().map(AddressBlock::parse).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "127.255.255.254", "::1", "::ffff:127.0.0.1"})
    void byDefaultThisMachineMayRegister(String caller) {
        assertTrue(RegistrationPolicy.loopbackOnly().admits(ip(caller), null), caller);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.9", "10.0.0.7", "192.168.1.20", "0.0.0.0", "::", "::2", "fe80::1",
            "2001:db8::1", "::ffff:203.0.113.9"})
    void byDefaultNoOtherAddressMayRegister(String caller) {
        assertFalse(RegistrationPolicy.loopbackOnly().admits(ip(caller), null), caller);
    }

    @Test
    void anIpv4LoopbackCarriedInIpv6MayRegisterByDefault() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};

        assertTrue(RegistrationPolicy.loopbackOnly().admits(Inet6Address.getByAddress(null, mapped, -1), null));
    }

    @Test
    void anAllowListAdmitsItsAddressesOnly() {
        RegistrationPolicy policy = allowing("10.1.0.0/16", "2001:db8::/32", "198.51.100.7");

        assertTrue(policy.admits(ip("10.1.200.3"), null));
        assertTrue(policy.admits(ip("2001:db8::42"), null));
        assertTrue(policy.admits(ip("198.51.100.7"), null));
        assertFalse(policy.admits(ip("10.2.0.1"), null));
        assertFalse(policy.admits(ip("198.51.100.8"), null));
        assertFalse(policy.admits(ip("127.0.0.1"), null), "an allow-list replaces the default, loopback included");
    }

    @Test
    void theSecretAdmitsFromAnyAddress() {
        RegistrationPolicy policy = RegistrationPolicy.loopbackOnly().withSecret(SECRET);

        assertTrue(policy.admits(ip("203.0.113.9"), SECRET));
        assertTrue(policy.admits(ip("2001:db8::1"), SECRET));
        assertTrue(policy.admits(null, SECRET), "a caller of unknown address has the secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "correct horse battery stapl", "correct horse battery staple ", "Correct horse battery staple",
            "correct horse battery staple\u0000", "x"})
    void anythingButTheExactSecretIsRefusedFromElsewhere(String presented) {
        RegistrationPolicy policy = RegistrationPolicy.loopbackOnly().withSecret(SECRET);

        assertFalse(policy.admits(ip("203.0.113.9"), presented));
        assertFalse(policy.matchesSecret(presented));
    }

    @Test
    void noSecretFromElsewhereIsRefused() {
        assertFalse(RegistrationPolicy.loopbackOnly().withSecret(SECRET).admits(ip("203.0.113.9"), null));
    }

    @Test
    void anAllowedAddressIsAdmittedWhateverSecretItPresents() {
        RegistrationPolicy policy = RegistrationPolicy.loopbackOnly().withSecret(SECRET);

        assertTrue(policy.admits(ip("127.0.0.1"), "a wrong secret"));
        assertTrue(policy.admits(ip("127.0.0.1"), null));
    }

    @Test
    void withoutASecretAPresentedOneIsIgnored() {
        RegistrationPolicy policy = RegistrationPolicy.loopbackOnly();

        assertTrue(policy.admits(ip("127.0.0.1"), "anything"));
        assertFalse(policy.admits(ip("203.0.113.9"), "anything"));
        assertFalse(policy.matchesSecret("anything"));
        assertFalse(policy.matchesSecret(""));
    }

    @Test
    void theSecretIsComparedAsUnicodeText() {
        RegistrationPolicy policy = RegistrationPolicy.allowing(List.of()).withSecret("segredo-ação-😀");

        assertTrue(policy.admits(ip("203.0.113.9"), "segredo-ação-😀"));
        assertFalse(policy.admits(ip("203.0.113.9"), "segredo-acao-😀"));
    }

    @Test
    void aCallerOfUnknownAddressIsNotAdmittedByAddress() {
        assertFalse(RegistrationPolicy.loopbackOnly().admits(null, null));
        assertTrue(RegistrationPolicy.fromAnywhere().admits(null, null));
    }

    @Test
    void fromAnywhereAdmitsEveryAddressWithoutASecret() {
        RegistrationPolicy policy = RegistrationPolicy.fromAnywhere();

        assertTrue(policy.admits(ip("203.0.113.9"), null));
        assertTrue(policy.admits(ip("2001:db8::1"), null));
        assertTrue(policy.isFromAnywhere());
    }

    @Test
    void secretOnlyAdmitsNoAddressWithoutTheSecret() {
        RegistrationPolicy policy = RegistrationPolicy.allowing(List.of()).withSecret(SECRET);

        assertFalse(policy.admits(ip("127.0.0.1"), null));
        assertTrue(policy.admits(ip("127.0.0.1"), SECRET));
        assertFalse(policy.admitsNobody());
        assertTrue(RegistrationPolicy.allowing(List.of()).admitsNobody());
    }

    @Test
    void anEmptySecretIsRefusedAndNullMeansNone() {
        assertThrows(IllegalArgumentException.class, () -> RegistrationPolicy.loopbackOnly().withSecret(""));
        assertFalse(RegistrationPolicy.loopbackOnly().withSecret(SECRET).withSecret(null).hasSecret());
    }

    @Test
    void describesItselfForTheLogWithoutTheSecret() {
        assertEquals("registration allowed from 127.0.0.0/8, ::1", RegistrationPolicy.loopbackOnly().describe());
        assertEquals("registration allowed from 127.0.0.0/8, ::1; with the secret, from anywhere",
                RegistrationPolicy.loopbackOnly().withSecret(SECRET).describe());
        assertEquals("registration allowed from 10.1.0.0/16, fd00::/8", allowing("10.1.0.0/16", "fd00::/8").describe());
        assertEquals("registration allowed only with the secret, from anywhere",
                RegistrationPolicy.allowing(List.of()).withSecret(SECRET).describe());
        assertEquals("registration allowed from anywhere", RegistrationPolicy.fromAnywhere().describe());
    }

    @Test
    void neitherTheDescriptionNorToStringContainTheSecret() {
        RegistrationPolicy policy = RegistrationPolicy.loopbackOnly().withSecret(SECRET);

        assertFalse(policy.describe().contains("horse"), policy.describe());
        assertFalse(policy.toString().contains("horse"), policy.toString());
    }

    @Test
    void equalPoliciesAreEqualAndTheSecretCounts() {
        assertEquals(RegistrationPolicy.loopbackOnly(), allowing("127.0.0.0/8", "::1"));
        assertEquals(RegistrationPolicy.loopbackOnly().withSecret(SECRET), RegistrationPolicy.loopbackOnly().withSecret(SECRET));
        assertEquals(RegistrationPolicy.loopbackOnly().withSecret(SECRET).hashCode(),
                RegistrationPolicy.loopbackOnly().withSecret(SECRET).hashCode());
        assertNotEquals(RegistrationPolicy.loopbackOnly(), RegistrationPolicy.loopbackOnly().withSecret(SECRET));
        assertNotEquals(RegistrationPolicy.loopbackOnly().withSecret("one"), RegistrationPolicy.loopbackOnly().withSecret("two"));
        assertNotEquals(RegistrationPolicy.loopbackOnly(), RegistrationPolicy.fromAnywhere());
    }
}
