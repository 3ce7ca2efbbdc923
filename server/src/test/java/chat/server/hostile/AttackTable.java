package chat.server.hostile;

import chat.common.rpc.HttpLimits;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of attacks, each run as its own test against every program it makes sense for, one by one,
 * on one Binder and one chat server that live as long as the table: each attack finds fresh state
 * seeded, and after it both programs must answer, have lost nothing and serve a normal client. Should
 * that check fail, the next attack gets new servers, so one failure does not spread down the table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
abstract class AttackTable {
    private Servers servers;

    /** The limits both programs run with. */
    abstract HttpLimits limits();

    /** Starts the names seeded in this table. */
    abstract String prefix();

    /** The attacks, in the order they run. */
    abstract Stream<Attack> attacks();

    Stream<Arguments> cases() {
        return attacks().flatMap(attack -> attack.targets().stream().map(target -> Arguments.of(target, attack)));
    }

    @BeforeEach
    void serversUp() throws IOException {
        if (servers != null && !servers.healthy()) {
            servers.close();
            servers = null;
        }
        if (servers == null) {
            servers = Servers.start(limits(), prefix());
        }
    }

    @AfterAll
    void serversDown() {
        if (servers != null) {
            servers.close();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void survivesAndLosesNothing(Target target, Attack attack) {
        servers.survive(target, attack);
    }
}
