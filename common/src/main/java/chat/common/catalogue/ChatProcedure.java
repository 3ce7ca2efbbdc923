package chat.common.catalogue;

import chat.common.rpc.Params;
import chat.common.rpc.Signature;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.xmlrpc.XmlRpcException;

/**
 * One chat procedure as both ends see it: its name and arguments, the user a call acts as, whether servers
 * register it with the Binder, and its request and answer with their wire conversion. The server's procedure
 * table and the client's calls are both made from these; {@link ChatCatalogue} holds every one.
 *
 * @param <Q> the request: the arguments as a record of {@link Requests}
 * @param <A> the answer, as {@link Answer} converts it
 */
public final class ChatProcedure<Q, A> {

    /** Reads a request from a call's arguments; a malformed one is a fault naming the argument. */
    @FunctionalInterface
    public interface Reader<Q> {
        /**
         * Reads the request.
         *
         * @param call the call's arguments
         * @return the request
         * @throws XmlRpcException an invalid-parameters fault naming the argument that is wrong
         */
        Q read(Params call) throws XmlRpcException;
    }

    private final Signature signature;
    /** The position of the argument naming the user a call acts as; -1 when it names none. */
    private final int actingUser;
    private final boolean registersAName;
    private final boolean registered;
    private final Reader<Q> reader;
    private final Function<Q, Object[]> writer;
    private final Answer<A> answer;

    private ChatProcedure(Declaration declaration, Reader<Q> reader, Function<Q, Object[]> writer, Answer<A> answer) {
        this.signature = declaration.signature;
        this.actingUser = declaration.actingUser;
        this.registersAName = declaration.registersAName;
        this.registered = declaration.registered;
        this.reader = reader;
        this.writer = writer;
        this.answer = answer;
    }

    /** {@return the procedure's wire name, as registered with the Binder} */
    public String name() {
        return signature.procedure();
    }

    /** {@return its arguments' names, the optional ones last} */
    public Signature signature() {
        return signature;
    }

    /**
     * The name of the argument naming the user a call acts as, whose session token it carries.
     *
     * @return empty for a procedure that names no user (a call with a session then counts as its user's)
     */
    public Optional<String> actingUser() {
        return actingUser < 0 ? Optional.empty() : Optional.of(signature.names().get(actingUser));
    }

    /** {@return whether it registers a name: such a call carries no session, as there is none before it} */
    public boolean registersAName() {
        return registersAName;
    }

    /** {@return whether a chat server registers it with the Binder, so that clients find it there} */
    public boolean registered() {
        return registered;
    }

    /**
     * The server's side: reads a call's arguments.
     *
     * @param call the call's arguments
     * @return the request
     * @throws XmlRpcException an invalid-parameters fault naming the argument that is wrong
     */
    public Q requestFromWire(Params call) throws XmlRpcException {
        return reader.read(call);
    }

    /**
     * The server's side: the user a call acts as, as its arguments name it.
     *
     * @param call the call's arguments
     * @return the user's name; null when the procedure names none, or the call sent nil
     * @throws XmlRpcException an invalid-parameters fault when that argument is not a string
     */
    public String actingUser(Params call) throws XmlRpcException {
        return actingUser < 0 ? null : call.optionalString(actingUser);
    }

    /**
     * The server's side: the wire value of an answer.
     *
     * @param value what the service answered
     * @return the wire value, null for nil
     */
    public Object answerToWire(A value) {
        return answer.toWire(value);
    }

    /**
     * The client's side: the arguments to send.
     *
     * @param request the request
     * @return the arguments, null ones to be sent as nil
     */
    public Object[] requestToWire(Q request) {
        return writer.apply(request);
    }

    /**
     * The client's side: the user a call with these arguments acts as.
     *
     * @param arguments the arguments to send
     * @return the user's name; null when the procedure names none
     */
    public String actingUser(Object[] arguments) {
        return actingUser >= 0 && actingUser < arguments.length && arguments[actingUser] instanceof String user
                ? user : null;
    }

    /**
     * The client's side: reads an answer.
     *
     * @param value the wire value, as {@link chat.common.rpc.RpcClient#call} returns it
     * @return the answer
     * @throws IllegalArgumentException it is not what this procedure answers; the message says what came
     */
    public A answerFromWire(Object value) {
        return answer.fromWire(value);
    }

    @Override
    public String toString() {
        return name();
    }

    /** Starts declaring procedure {@code name} with arguments {@code spec} (as {@link Signature#parse} reads it). */
    static Declaration declare(String name, String spec, Consumer<ChatProcedure<?, ?>> declared) {
        return new Declaration(Signature.parse(name, spec), declared);
    }

    /** A procedure being declared: who it acts as and whether it is registered, then its request and answer. */
    static final class Declaration {
        private final Signature signature;
        private final Consumer<ChatProcedure<?, ?>> declared;
        private int actingUser = -1;
        private boolean registersAName;
        private boolean registered = true;

        private Declaration(Signature signature, Consumer<ChatProcedure<?, ?>> declared) {
            this.signature = signature;
            this.declared = declared;
        }

        /** A call acts as the user argument {@code argument} names. */
        Declaration actingAs(String argument) {
            actingUser = signature.names().indexOf(argument);
            if (actingUser < 0) {
                throw new IllegalArgumentException(signature.procedure() + " has no argument " + argument);
            }
            return this;
        }

        /** A call registers a name (and carries no session). */
        Declaration registersAName() {
            registersAName = true;
            return this;
        }

        /** Servers do not register it with the Binder: clients do not look it up. */
        Declaration unregistered() {
            registered = false;
            return this;
        }

        <Q> Typed<Q> request(Reader<Q> reader, Function<Q, Object[]> writer) {
            return new Typed<>(this, reader, writer);
        }
    }

    /** A declaration with its request: its answer ends it. */
    static final class Typed<Q> {
        private final Declaration declaration;
        private final Reader<Q> reader;
        private final Function<Q, Object[]> writer;

        private Typed(Declaration declaration, Reader<Q> reader, Function<Q, Object[]> writer) {
            this.declaration = declaration;
            this.reader = Objects.requireNonNull(reader, "reader");
            this.writer = Objects.requireNonNull(writer, "writer");
        }

        <A> ChatProcedure<Q, A> answers(Answer<A> answer) {
            ChatProcedure<Q, A> procedure = new ChatProcedure<>(declaration, reader, writer,
                    Objects.requireNonNull(answer, "answer"));
            declaration.declared.accept(procedure);
            return procedure;
        }
    }
}
