package chat.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerStatusTest {

    @Test
    void aStandaloneServersStatusIsTheFiveMembersItAlwaysWas() {
        Map<String, Object> wire = new ServerStatus(3, 2, 4, 1, "memory").toWire();

        assertEquals(Map.of("users", 3, "rooms", 2, "members", 4, "waiting", 1, "store", "memory"), wire);
        assertFalse(wire.containsKey("cluster"));
    }

    @Test
    void aClusteredServerAddsItsMembershipAndItReadsBack() {
        ServerStatus status = new ServerStatus(3, 2, 4, 1, "cluster", new ServerStatus.Cluster("127.0.0.1:5701", 3));

        Map<String, Object> wire = status.toWire();

        assertEquals(Map.of("member", "127.0.0.1:5701", "members", 3), wire.get("cluster"));
        assertEquals(status, ServerStatus.fromWire(wire));
    }

    @Test
    void aClusteredServerSaysWhereItKeepsTheChatAndAnOlderOneDoesNot() {
        ServerStatus status = new ServerStatus(3, 2, 4, 1, "cluster",
                new ServerStatus.Cluster("127.0.0.1:5701", 3, KeptPlace.file("a1b2", "/data/chat.db")));

        Map<String, Object> wire = status.toWire();

        assertEquals(Map.of("member", "127.0.0.1:5701", "members", 3, "kept",
                Map.of("kind", "file", "machine", "a1b2", "where", "/data/chat.db")), wire.get("cluster"));
        assertEquals(status, ServerStatus.fromWire(wire));
        Map<String, Object> older = new LinkedHashMap<>(wire);
        older.put("cluster", Map.of("member", "127.0.0.1:5701", "members", 3));
        assertNull(ServerStatus.fromWire(older).cluster().kept());
    }

    @Test
    void aStatusWithoutClusterAsAnOlderServerSendsItReadsAsStandalone() {
        Map<String, Object> older = new LinkedHashMap<>();
        older.put("users", 1);
        older.put("rooms", 0);
        older.put("members", 0);
        older.put("waiting", 0);
        older.put("store", "cluster");

        ServerStatus status = ServerStatus.fromWire(older);

        assertNull(status.cluster());
        assertEquals(new ServerStatus(1, 0, 0, 0, "cluster"), status);
    }

    @Test
    void anOlderReaderOfTheFiveMembersIgnoresTheNewOne() {
        Map<String, Object> wire = new ServerStatus(1, 0, 0, 0, "cluster", new ServerStatus.Cluster("h:1", 2)).toWire();

        // what an older reader takes: the five members by name, whatever else the struct holds
        assertEquals(1, WireValues.member(wire, "users", Integer.class));
        assertEquals("cluster", WireValues.member(wire, "store", String.class));
    }

    @Test
    void aMistypedClusterIsRefusedNamingTheMember() {
        Map<String, Object> wire = new LinkedHashMap<>(new ServerStatus(1, 0, 0, 0, "cluster").toWire());
        wire.put("cluster", Map.of("member", "h:1", "members", "three"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ServerStatus.fromWire(wire));
        assertEquals("member 'members' must be a number, got string", refused.getMessage());
        wire.put("cluster", "h:1");
        assertThrows(IllegalArgumentException.class, () -> ServerStatus.fromWire(wire));
    }
}
