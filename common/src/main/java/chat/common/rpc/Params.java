package chat.common.rpc;

import chat.common.WireValues;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.apache.xmlrpc.XmlRpcException;

/**
 * The arguments of one call, read by position with the names from the procedure's signature, so
 * that every refusal names the procedure, the argument and what was wrong.
 */
public final class Params {
    private final Signature signature;
    private final List<Object> values;
    private final CallContext context;

    Params(Signature signature, List<Object> values, CallContext context) throws XmlRpcException {
        this.signature = signature;
        this.values = values;
        this.context = context;
        int count = values.size();
        if (count < signature.required() || count > signature.names().size()) {
            throw Faults.invalidParams(signature.procedure(), "expected " + signature.arity()
                    + " (" + signature.describe() + "), got " + count);
        }
    }

    /** {@return the address the call came from; null when the call did not come over the network} */
    public InetAddress caller() {
        return context == null ? null : context.caller();
    }

    /**
     * The value of the call's HTTP header {@code name}.
     *
     * @param name the header's name, in any case
     * @return its value; null when the call has none, or did not come over HTTP
     */
    public String header(String name) {
        return context == null ? null : context.header(name);
    }

    /**
     * The answer of {@code body}, computed where it may wait: on the endpoint's workers when this call of a
     * {@linkplain ProcedureTable#nonBlocking(String) non-blocking} procedure runs on an I/O thread (see
     * {@link CallContext#offload}), else right here. For the rare case of such a procedure that must wait.
     *
     * @param body what computes the answer from these arguments
     * @return the answer, when it is there; a {@link Faults#LIMIT_REACHED} fault when the workers are all busy
     */
    public CompletionStage<Object> offloaded(Procedure body) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                Object result = body.call(this);
                if (result instanceof CompletionStage<?> later) {
                    later.whenComplete((value, failure) -> {
                        if (failure == null) {
                            answer.complete(value);
                        } else {
                            answer.completeExceptionally(failure);
                        }
                    });
                } else {
                    answer.complete(result);
                }
            } catch (Exception | Error e) {
                answer.completeExceptionally(e);
            }
        };
        try {
            if (context == null) {
                task.run();
            } else {
                context.offload(task);
            }
        } catch (RejectedExecutionException busy) {
            answer.completeExceptionally(Faults.limitReached(procedure(), "the server is busy; try again in a moment"));
        }
        return answer;
    }

    /** {@return the name of the procedure being called} */
    public String procedure() {
        return signature.procedure();
    }

    /** {@return how many arguments the caller sent} */
    public int count() {
        return values.size();
    }

    /**
     * Whether argument {@code index} was sent at all.
     *
     * @param index the argument's position, from 0
     * @return true when the caller sent at least {@code index + 1} arguments
     */
    public boolean has(int index) {
        return index < values.size();
    }

    /**
     * A string argument; nil or any other type is refused.
     *
     * @param index the argument's position, from 0
     * @return its value
     * @throws XmlRpcException an invalid-parameters fault naming the argument, for any other type
     */
    public String string(int index) throws XmlRpcException {
        Object value = values.get(index);
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(index, "a string", value);
    }

    /**
     * A string argument that may be absent or nil.
     *
     * @param index the argument's position, from 0
     * @return its value; null when it was not sent or was nil
     * @throws XmlRpcException an invalid-parameters fault naming the argument, for any type but string and nil
     */
    public String optionalString(int index) throws XmlRpcException {
        if (!has(index) || values.get(index) == null) {
            return null;
        }
        return string(index);
    }

    /**
     * An int or double argument, as a double (Python sends whole numbers as int).
     *
     * @param index the argument's position, from 0
     * @return its value
     * @throws XmlRpcException an invalid-parameters fault naming the argument, for any other type
     */
    public double number(int index) throws XmlRpcException {
        Object value = values.get(index);
        if (value instanceof Integer || value instanceof Double) {
            return ((Number) value).doubleValue();
        }
        throw wrongType(index, "a number", value);
    }

    /**
     * Whether argument {@code index} was sent as an int (rather than, say, a double).
     *
     * @param index the argument's position, from 0
     * @return false also when it was not sent
     */
    public boolean isInteger(int index) {
        return has(index) && values.get(index) instanceof Integer;
    }

    /**
     * Whether argument {@code index} was sent as a string.
     *
     * @param index the argument's position, from 0
     * @return false also when it was not sent
     */
    public boolean isString(int index) {
        return has(index) && values.get(index) instanceof String;
    }

    /**
     * Whether argument {@code index} was sent as a struct without members ({@code <struct/>}).
     *
     * @param index the argument's position, from 0
     * @return false also when it was not sent
     */
    public boolean isEmptyStruct(int index) {
        return has(index) && values.get(index) instanceof Map<?, ?> struct && struct.isEmpty();
    }

    /**
     * An int argument.
     *
     * @param index the argument's position, from 0
     * @return its value
     * @throws XmlRpcException an invalid-parameters fault naming the argument, for any other type
     */
    public int integer(int index) throws XmlRpcException {
        Object value = values.get(index);
        if (value instanceof Integer i) {
            return i;
        }
        throw wrongType(index, "an int", value);
    }

    /**
     * An array argument, as a list of its values.
     *
     * @param index the argument's position, from 0
     * @return its items, in order
     * @throws XmlRpcException an invalid-parameters fault naming the argument, for any other type
     */
    public List<Object> array(int index) throws XmlRpcException {
        Object value = values.get(index);
        if (value instanceof Object[] || value instanceof Collection<?>) {
            return WireValues.array(value);
        }
        throw wrongType(index, "an array", value);
    }

    /**
     * A refusal of argument {@code index}'s value, naming the procedure and the argument.
     *
     * @param index the argument's position, from 0
     * @param why   what is wrong with it, to follow the argument's name: {@code "must not be empty"}
     * @return the fault to throw ({@link Faults#INVALID_PARAMS})
     */
    public XmlRpcException invalid(int index, String why) {
        return Faults.invalidParams(signature.procedure(), "argument " + (index + 1) + " ("
                + signature.names().get(index) + ") " + why);
    }

    private XmlRpcException wrongType(int index, String expected, Object value) {
        return invalid(index, "must be " + expected + ", got " + WireValues.typeName(value));
    }
}
