package chat.common;

import chat.common.rpc.RpcException;
import chat.common.rpc.RpcTransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Looks procedures up in any Binder of a deployment that answers. Each lookup starts with the Binder that last
 * answered, and moves to the next at once when one cannot be reached or answers nonsense, or knows no server of the
 * procedure (a Binder restarted empty learns the servers again within seconds; another may know them now). Only
 * when no Binder answers does a lookup fail. Thread-safe.
 */
public final class AnyBinder {
    private final Binders binders;
    private final List<BinderClient> clients;
    /** The index of the Binder that answered last: the first one asked next time. */
    private final AtomicInteger preferred = new AtomicInteger();

    /**
     * @param binders the Binders, in the order they are tried first
     * @param timeout how long one call to one Binder may take
     */
    public AnyBinder(Binders binders, Duration timeout) {
        this.binders = binders;
        List<BinderClient> all = new ArrayList<>();
        for (Endpoint binder : binders.endpoints()) {
            all.add(new BinderClient(binder, timeout));
        }
        this.clients = List.copyOf(all);
    }

    /** {@return the Binders asked} */
    public Binders binders() {
        return binders;
    }

    /** {@return the Binder asked first next time: the one that answered last} */
    public Endpoint answering() {
        return clients.get(preferred.get()).binder();
    }

    /**
     * Where {@code procedure} is served, as {@link BinderClient#lookup} answers it, from the first Binder that names a
     * server (or, when none does, empty).
     *
     * @param procedure the name looked up
     * @return the endpoint; empty when no Binder that answered knows one
     * @throws RpcTransportException no Binder could be reached
     * @throws IllegalArgumentException no Binder answered, and one answered something else than an endpoint
     */
    public Optional<Endpoint> lookup(String procedure) {
        return ask(binder -> binder.lookup(procedure), Optional::isEmpty);
    }

    /**
     * Every live server of {@code procedure}, as {@link BinderClient#lookupAll} answers it, from the first Binder that
     * names any (or, when none does, empty).
     *
     * @param procedure the name looked up
     * @return the endpoints; empty when no Binder that answered knows one
     * @throws RpcTransportException no Binder could be reached
     * @throws IllegalArgumentException no Binder answered, and one answered something else than endpoints
     */
    public List<Endpoint> lookupAll(String procedure) {
        return ask(binder -> binder.lookupAll(procedure), List::isEmpty);
    }

    /**
     * Asks the Binders in turn, from the preferred one, until one gives an answer that is not {@code empty}; that one
     * is preferred from now on. An empty answer is kept in case no other Binder knows more.
     */
    private <T> T ask(Function<BinderClient, T> question, Predicate<T> empty) {
        int start = preferred.get();
        T emptyAnswer = null;
        List<Endpoint> failed = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            int index = (start + i) % clients.size();
            T answer;
            try {
                answer = question.apply(clients.get(index));
            } catch (RpcTransportException | IllegalArgumentException e) {
                failed.add(clients.get(index).binder());
                failures.add(e);
                continue;
            }
            if (!empty.test(answer)) {
                preferred.set(index);
                return answer;
            }
            if (emptyAnswer == null) {
                emptyAnswer = answer;
            }
        }
        if (emptyAnswer != null) {
            return emptyAnswer;
        }
        throw unanswered(failed, failures);
    }

    /** What to throw when no Binder answered: with one Binder, its failure as it was; else one naming each. */
    private static RuntimeException unanswered(List<Endpoint> failed, List<RuntimeException> failures) {
        if (failures.size() == 1) {
            return failures.get(0);
        }
        StringBuilder each = new StringBuilder("no Binder answered:");
        for (int i = 0; i < failures.size(); i++) {
            each.append(i == 0 ? " " : "; ").append(failed.get(i)).append(" (")
                    .append(RpcException.innermostMessage(failures.get(i))).append(')');
        }
        RuntimeException first = failures.get(0);
        RuntimeException thrown = failures.stream().allMatch(RpcTransportException.class::isInstance)
                ? new RpcTransportException(each.toString(), first, false)
                : new IllegalArgumentException(each.toString(), first);
        failures.stream().skip(1).forEach(thrown::addSuppressed);
        return thrown;
    }
}
