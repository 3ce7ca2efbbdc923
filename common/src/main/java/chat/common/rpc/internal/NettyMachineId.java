package chat.common.rpc.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Gives Netty the machine id it stamps into every channel id ({@code io.netty.machineId}) before Netty first
 * needs one. Without it Netty looks for a hardware address among the network interfaces, and where there is
 * none (a network namespace or container with only a loopback interface) it prints a warning and uses random
 * bytes. The id only keeps channel ids of different machines apart in logs, so random bytes are what Netty
 * would use anyway; a value the user set with {@code -Dio.netty.machineId} is kept.
 */
final class NettyMachineId {
    /** The system property Netty's {@code DefaultChannelId} reads once, when it is first used. */
    static final String PROPERTY = "io.netty.machineId";
    /** EUI-64 length, the length of the id Netty makes from random bytes itself. */
    private static final int BYTES = 8;

    private NettyMachineId() {
    }

    /** Sets {@link #PROPERTY} to eight random bytes ({@code xx:xx:...}) unless it is set already; returns its value. */
    static synchronized String ensure() {
        String set = System.getProperty(PROPERTY);
        if (set != null && !set.isBlank()) {
            return set;
        }
        byte[] id = new byte[BYTES];
        new SecureRandom().nextBytes(id);
        // Not a multicast address, as a hardware address would be (Netty does the same to its random bytes).
        id[0] = (byte) ((id[0] & 0xfe) | 0x02);
        String value = HexFormat.ofDelimiter(":").formatHex(id);
        System.setProperty(PROPERTY, value);
        return value;
    }
}
