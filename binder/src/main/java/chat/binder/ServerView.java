package chat.binder;

import chat.common.ChatProcedures;
import chat.common.Endpoint;
import chat.common.ServerStatus;
import java.util.List;
import java.util.Objects;

/**
 * One server as the status command shows it: what the Binder knows of it (its names, whether it
 * answers probes) and, for a live Java chat server, what it says of itself.
 *
 * @param endpoint         where it registered
 * @param alive            whether the Binder hands it out
 * @param secondsSinceSeen seconds since its last sign of life (a registration or an answered probe)
 * @param names            the names it registered, sorted
 * @param kind             what it turned out to be
 * @param status           what it said of itself; null unless {@code kind} is {@link Kind#JAVA}
 * @param problem          why it could not be asked; null unless {@code kind} is {@link Kind#NO_ANSWER}
 * @param serversKnown     for another Binder of the deployment that answered, the live chat servers it knows;
 *                         -1 otherwise
 */
record ServerView(Endpoint endpoint, boolean alive, double secondsSinceSeen, List<String> names, Kind kind,
                  ServerStatus status, String problem, int serversKnown) {

    /** What a registered endpoint turned out to be. */
    enum Kind {
        /** A Java chat server, which answered {@code server_status}. */
        JAVA("java"),
        /** A chat server without {@code server_status}: the Python original, or an older port. */
        ORIGINAL("original"),
        /** It registered none of the chat procedures (a cluster member's address, say): not a chat server, not asked. */
        OTHER("other"),
        /** The Binder no longer hands it out; it is not asked. */
        DEAD("dead"),
        /** Alive for the Binder, but {@code server_status} got no answer. */
        NO_ANSWER("no_answer");

        final String json;

        Kind(String json) {
            this.json = json;
        }
    }

    ServerView {
        Objects.requireNonNull(endpoint, "endpoint");
        names = List.copyOf(names);
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether it registered a chat procedure: a chat server, alive or dead, Java or original. */
    boolean chatServer() {
        return names.stream().anyMatch(ChatProcedures.REGISTERED::contains);
    }

    /** Whether it is a Binder of the deployment ({@link ChatProcedures#BINDER_PEER}): this one, or a peer. */
    boolean binder() {
        return !names.isEmpty() && names.stream().allMatch(ChatProcedures.BINDER_PEER::equals);
    }

    /** Whether it registered only a cluster member's address: a member of a clustered server, not a server. */
    boolean clusterMember() {
        return !names.isEmpty() && names.stream().allMatch(ChatProcedures.CLUSTER_MEMBER::equals);
    }
}
