package chat.common.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.internal.MacAddressUtil;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NettyMachineIdTest {
    private String before;

    @BeforeEach
    void clear() {
        before = System.getProperty(NettyMachineId.PROPERTY);
        System.clearProperty(NettyMachineId.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(NettyMachineId.PROPERTY);
        } else {
            System.setProperty(NettyMachineId.PROPERTY, before);
        }
    }

    @Test
    void anUnsetIdBecomesEightBytesNettyAccepts() {
        String id = NettyMachineId.ensure();

        assertEquals(id, System.getProperty(NettyMachineId.PROPERTY));
        assertTrue(id.matches("([0-9a-f]{2}:){7}[0-9a-f]{2}"), id);
        byte[] parsed = MacAddressUtil.parseMAC(id);
        assertArrayEquals(HexFormat.ofDelimiter(":").parseHex(id), parsed);
        assertEquals(0, parsed[0] & 0x01, "not a multicast address: " + id);
    }

    @Test
    void theIdIsChosenOnceAndKeptAfterwards() {
        String first = NettyMachineId.ensure();

        assertEquals(first, NettyMachineId.ensure());
    }

    @Test
    void anIdTheUserSetIsKept() {
        System.setProperty(NettyMachineId.PROPERTY, "00:11:22:33:44:55");

        assertEquals("00:11:22:33:44:55", NettyMachineId.ensure());
        assertEquals("00:11:22:33:44:55", System.getProperty(NettyMachineId.PROPERTY));
    }

    @Test
    void twoProcessesWouldNotShareAnId() {
        String first = NettyMachineId.ensure();
        System.clearProperty(NettyMachineId.PROPERTY);

        assertNotEquals(first, NettyMachineId.ensure());
    }
}
