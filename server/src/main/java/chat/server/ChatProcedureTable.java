package chat.server;

import chat.common.ChatProcedures;
import chat.common.MessageBatch;
import chat.common.ServerStatus;
import chat.common.catalogue.ChatCatalogue;
import chat.common.catalogue.ChatProcedure;
import chat.common.catalogue.Requests.Wait;
import chat.common.rpc.Faults;
import chat.common.rpc.Params;
import chat.common.rpc.Procedure;
import chat.common.rpc.ProcedureTable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.xmlrpc.XmlRpcException;

/**
 * The chat procedures on the wire: each {@link ChatCatalogue} entry served by one {@link ChatService} method. A
 * call is first admitted by the {@link SessionGate} as the user the entry says it acts as (a session token travels
 * in the {@value ChatProcedures#SESSION_HEADER} header). A {@link ChatRefusal} becomes a fault: an argument that
 * breaks a rule {@value Faults#INVALID_PARAMS}, a full server {@value Faults#LIMIT_REACHED}, a user sending too
 * fast {@value Faults#RATE_LIMITED}, a call that may not act as that user {@value Faults#NOT_ALLOWED}.
 */
final class ChatProcedureTable {
    /** The longest a wait_messages call is held open, whatever it asks for. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private ChatProcedureTable() {
    }

    /** The procedures answering every call of the original form, as the original does. */
    static ProcedureTable of(ChatService chat) {
        return of(chat, new SessionGate(chat.store(), SessionPolicy.OPEN));
    }

    static ProcedureTable of(ChatService chat, SessionGate gate) {
        return of(chat, gate, () -> null);
    }

    /**
     * The procedures, with {@code cluster} saying this server's place in its cluster in {@code server_status}
     * (null for a server that keeps its chat alone).
     */
    static ProcedureTable of(ChatService chat, SessionGate gate, Supplier<ServerStatus.Cluster> cluster) {
        Adapters table = new Adapters(chat, gate);
        table.serve(ChatCatalogue.REGISTER_USER, call -> chat.registerUser(call.username()));
        table.serve(ChatCatalogue.CREATE_ROOM, call -> chat.createRoom(call.room()));
        table.serve(ChatCatalogue.JOIN_ROOM, call -> chat.join(call.username(), call.room()));
        // Answered once the message is stored; on the thread that read it when posting never blocks.
        table.serveLater(ChatCatalogue.SEND_MESSAGE, chat.store().postsWithoutBlocking(),
                call -> chat.sendAsync(call.username(), call.room(), call.content(), call.recipient()));
        // Without a timestamp it moves the user's cursor: a write, which may wait.
        table.read(ChatCatalogue.RECEIVE_MESSAGES,
                (call, token) -> call.after() != null && chat.answersFromMemory(call.username(), call.room()),
                call -> call.after() != null ? chat.receive(call.username(), call.room(), call.after())
                        : chat.receiveSinceLastFetch(call.username(), call.room()));
        table.read(ChatCatalogue.LIST_ROOMS, (call, token) -> token == null && chat.answersFromMemory(null, null),
                call -> chat.listRooms());
        table.read(ChatCatalogue.LIST_USERS, (call, token) -> token == null && chat.answersFromMemory(null, call.room()),
                call -> chat.listUsers(call.room()));
        table.serve(ChatCatalogue.REMOVE_USER, call -> {
            chat.leave(call.username(), call.room());
            return null;
        });
        table.readLater(ChatCatalogue.WAIT_MESSAGES,
                (call, token) -> chat.answersFromMemory(call.username(), call.room()), call -> waitMessages(chat, call));
        table.serve(ChatCatalogue.KEEP_ALIVE, call -> chat.keepAlive(call.username()));
        table.serve(ChatCatalogue.REGISTER_SESSION, Admit.ANY, call -> chat.registerSession(call.username()));
        table.serve(ChatCatalogue.UNREGISTER_USER, Admit.FREEING, call -> chat.unregister(call.username()));
        table.serve(ChatCatalogue.SERVER_STATUS, Admit.ANY, call -> chat.status().withCluster(cluster.get()));
        return table.build(chat.store().nonBlocking());
    }

    /**
     * wait_messages: from a sequence number it answered before, or from a server timestamp (the first wait after
     * join_room); the answer comes when there is something new, or at the timeout (at most {@link #MAX_WAIT}).
     */
    private static CompletionStage<MessageBatch> waitMessages(ChatService chat, Wait call) {
        Duration timeout = Duration.ofMillis((long) (Math.min(call.seconds(), MAX_WAIT.toSeconds()) * 1000));
        CompletableFuture<Optional<MessageBatch>> batch = call.cursor() instanceof Long seq
                ? chat.waitAfterSeq(call.username(), call.room(), seq, timeout)
                : chat.waitAfterTimestamp(call.username(), call.room(), call.cursor().doubleValue(), timeout);
        // Routine: a client that has just left the room (a /join elsewhere) may still have a wait of it on the way.
        return batch.thenApply(answer -> answer.orElseThrow(() -> new CompletionException(Faults.routine(
                Faults.invalidParams(ChatProcedures.WAIT_MESSAGES, Faults.shown(call.username())
                        + " is not a member of room " + Faults.shown(call.room()))))));
    }

    /** Which calls the {@link SessionGate} lets through to a service method. */
    enum Admit {
        /** As the catalogue says: acting as the user it names, or as nobody (a registering call, or one naming none). */
        AS_DECLARED,
        /** A call that frees its user's name: only with that name's session token. */
        FREEING,
        /** Any: the call that gets a session, and the status view. */
        ANY
    }

    /** Builds the table: each catalogue entry read, admitted, refused as a fault, answered on the wire. */
    private static final class Adapters {
        private final ChatService chat;
        private final SessionGate gate;
        private final ProcedureTable.Builder table = ProcedureTable.builder();

        Adapters(ChatService chat, SessionGate gate) {
            this.chat = chat;
            this.gate = gate;
        }

        <Q, A> void serve(ChatProcedure<Q, A> procedure, Function<Q, A> body) {
            serve(procedure, Admit.AS_DECLARED, body);
        }

        <Q, A> void serve(ChatProcedure<Q, A> procedure, Admit admission, Function<Q, A> body) {
            table.add(procedure.signature(), false, p -> {
                Q call = procedure.requestFromWire(p);
                String user = procedure.actingUser(p);
                return refusable(procedure, p, () -> {
                    admit(procedure, admission, token(p), user);
                    return procedure.answerToWire(body.apply(call));
                });
            });
        }

        /**
         * As {@link #serve}, for a call answered once {@code body}'s future completes (at once when it has already),
         * declared non-blocking when {@code nonBlocking}: then the body must never wait.
         */
        <Q, A> void serveLater(ChatProcedure<Q, A> procedure, boolean nonBlocking,
                               Function<Q, CompletableFuture<A>> body) {
            table.add(procedure.signature(), nonBlocking, p -> {
                Q call = procedure.requestFromWire(p);
                String user = procedure.actingUser(p);
                return refusable(procedure, p, () -> {
                    admit(procedure, Admit.AS_DECLARED, token(p), user);
                    CompletableFuture<A> answer = body.apply(call);
                    // Already answered (a chat in memory): no hand-off to write it.
                    return answer.isDone() && !answer.isCompletedExceptionally()
                            ? procedure.answerToWire(answer.join()) : answer.thenApply(procedure::answerToWire);
                });
            });
        }

        /**
         * A read, declared non-blocking: answered on the thread that read it when {@code fromMemory} (the chat
         * answers it from this server's memory, see {@link ChatService#answersFromMemory}), else handed to the
         * workers. A session's token is checked against its registration, which is why calls with one are routed
         * as they are; it is read before the call may be handed on (a call's headers are let go once its
         * procedure returns).
         */
        <Q, A> void read(ChatProcedure<Q, A> procedure, BiPredicate<Q, String> fromMemory, Function<Q, A> body) {
            route(procedure, fromMemory, call -> procedure.answerToWire(body.apply(call)));
        }

        /** As {@link #read}, for a read answered later, when its answer comes. */
        <Q, A> void readLater(ChatProcedure<Q, A> procedure, BiPredicate<Q, String> fromMemory,
                              Function<Q, CompletionStage<A>> body) {
            route(procedure, fromMemory, call -> body.apply(call).thenApply(procedure::answerToWire));
        }

        private <Q> void route(ChatProcedure<Q, ?> procedure, BiPredicate<Q, String> fromMemory,
                               Function<Q, Object> wireAnswer) {
            table.add(procedure.signature(), true, p -> {
                Q call = procedure.requestFromWire(p);
                String user = procedure.actingUser(p);
                String token = token(p);
                Procedure answer = here -> refusable(procedure, here, () -> {
                    admit(procedure, Admit.AS_DECLARED, token, user);
                    return wireAnswer.apply(call);
                });
                return fromMemory.test(call, token) ? answer.call(p) : p.offloaded(answer);
            });
        }

        /** The table; every catalogue entry must have been given its service method. */
        ProcedureTable build(boolean nonBlocking) {
            ProcedureTable built = table.nonBlocking(nonBlocking).build();
            for (ChatProcedure<?, ?> procedure : ChatCatalogue.all()) {
                if (!built.names().contains(procedure.name())) {
                    throw new IllegalStateException(procedure + " is in the catalogue but no ChatService method serves it");
                }
            }
            return built;
        }

        private void admit(ChatProcedure<?, ?> procedure, Admit admission, String token, String user) {
            switch (admission) {
                case ANY -> {
                }
                case FREEING -> gate.admitFreeing(token, user);
                case AS_DECLARED -> {
                    if (procedure.actingUser().isPresent()) {
                        gate.admit(token, user);
                    } else if (procedure.registersAName()) {
                        gate.admit(token, null);
                    } else {
                        // Names no user; a call with a session counts as its user being there.
                        gate.admit(token, null).ifPresent(chat::keepAlive);
                    }
                }
            }
        }
    }

    /** The session token the call carries, or null for a call of the original form. */
    private static String token(Params p) {
        return p.header(ChatProcedures.SESSION_HEADER);
    }

    /**
     * Runs {@code call}, answering a refusal with its fault; an invalid argument is named by its place in the
     * procedure's signature.
     */
    private static Object refusable(ChatProcedure<?, ?> procedure, Params p, Supplier<Object> call)
            throws XmlRpcException {
        try {
            return call.get();
        } catch (ChatRefusal refusal) {
            XmlRpcException fault = switch (refusal.reason()) {
                case INVALID_ARGUMENT -> p.invalid(Math.max(0, procedure.signature().names().indexOf(refusal.argument())),
                        refusal.explanation());
                case LIMIT_REACHED -> Faults.limitReached(p.procedure(), refusal.explanation());
                case RATE_LIMITED -> Faults.rateLimited(p.procedure(), refusal.explanation());
                case NOT_ALLOWED -> Faults.notAllowed(p.procedure(), refusal.explanation());
            };
            throw refusal.routine() ? Faults.routine(fault) : fault;
        }
    }
}
