package chat.server.hostile;

import chat.common.rpc.HttpLimits;
import java.util.EnumSet;
import java.util.Set;

/**
 * One named hostile request (or hostile client) and what the program it is aimed at must answer. The
 * name says both, so each attack reads as its own test in the report.
 *
 * @param name    what is sent, then what is expected ("... → HTTP 413, closed")
 * @param targets the programs it makes sense against
 * @param probe   sends it and checks the answer; the checks every attack shares run after it
 */
record Attack(String name, Set<Target> targets, Probe probe) {

    /** Sends one attack and checks the answer it gets. */
    @FunctionalInterface
    interface Probe {
        void run(Context context) throws Exception;
    }

    /**
     * What a probe knows: where it aims, the state seeded just before it (which must survive), the limits
     * in force, and the servers, for calls a normal client makes during the attack.
     */
    record Context(Target target, int port, Servers.Seed seed, HttpLimits limits, Servers servers) {
    }

    static Attack onBoth(String name, Probe probe) {
        return new Attack(name, EnumSet.allOf(Target.class), probe);
    }

    static Attack onChatServer(String name, Probe probe) {
        return new Attack(name, EnumSet.of(Target.CHAT_SERVER), probe);
    }

    static Attack onBinder(String name, Probe probe) {
        return new Attack(name, EnumSet.of(Target.BINDER), probe);
    }

    @Override
    public String toString() {
        return name;
    }
}
