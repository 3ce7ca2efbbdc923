package chat.bench;

import chat.common.AnyBinder;
import chat.common.cli.BinderAddressOptions;
import chat.common.rpc.RpcTransportException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Looks a procedure up over and over in the Binders given, as a Java client does ({@link AnyBinder}: the one that
 * answered last first, the next at once when one fails), and prints one line per look-up: when it started
 * (nanoseconds since the epoch), {@code ok}, {@code empty} or {@code failed}, and how long it took (µs). With a
 * Binder killed meanwhile, the lines show what a client's look-ups went through.
 */
@Command(name = "binder-lookups", mixinStandardHelpOptions = true,
        description = "Looks a procedure up in any Binder that answers, over and over, printing each look-up.")
public final class BinderLookups implements Callable<Integer> {
    @Mixin
    BinderAddressOptions binderAddress;

    @Option(names = "--procedure", defaultValue = "join_room",
            description = "The name looked up (default: ${DEFAULT-VALUE}).")
    String procedure;

    @Option(names = "--every", defaultValue = "0.01", description = "Seconds between two look-ups (default: ${DEFAULT-VALUE}).")
    double every;

    @Option(names = "--seconds", defaultValue = "5", description = "How long to look up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the look-ups as the command line says.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BinderLookups()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        AnyBinder binders = new AnyBinder(binderAddress.binders(), Duration.ofSeconds(2));
        StringBuilder lines = new StringBuilder();
        long pause = Math.max(1, Math.round(every * 1e9));
        long end = System.nanoTime() + Math.round(seconds * 1e9);
        while (System.nanoTime() < end) {
            long wall = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            long start = System.nanoTime();
            String outcome;
            try {
                outcome = binders.lookupAll(procedure).isEmpty() ? "empty" : "ok";
            } catch (RpcTransportException | IllegalArgumentException e) {
                outcome = "failed";
            }
            lines.append(wall).append(' ').append(outcome).append(' ')
                    .append(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start)).append('\n');
            TimeUnit.NANOSECONDS.sleep(pause);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(lines);
        out.flush();
        return 0;
    }
}
