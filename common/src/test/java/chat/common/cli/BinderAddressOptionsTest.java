package chat.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.common.Binders;
import chat.common.Endpoint;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class BinderAddressOptionsTest {
    /** The defaults this test's process has: the environment's, else localhost:5000. */
    private static final String DEFAULT_HOST = Objects.requireNonNullElse(System.getenv("CHAT_BINDER_HOST"), "localhost");
    private static final String DEFAULT_PORT = Objects.requireNonNullElse(System.getenv("CHAT_BINDER_PORT"), "5000");

    @Command(name = "program")
    static final class Program {
        @Mixin
        BinderAddressOptions binder;
    }

    private static BinderAddressOptions parse(String... args) {
        Program program = new Program();
        new CommandLine(program).parseArgs(args);
        return program.binder;
    }

    @Test
    void theEndpointIsTheHostAndPortGiven() {
        assertEquals(new Endpoint("chat.example", 6001),
                parse("--binder-host", "chat.example", "--binder-port", "6001").endpoint());
        assertEquals(new Endpoint("10.0.0.1", 5000), parse("--binder-host=10.0.0.1", "--binder-port=5000").endpoint());
    }

    @Test
    void withoutOptionsTheEndpointIsTheEnvironmentsElseLocalhost5000() {
        assertEquals(new Endpoint(DEFAULT_HOST, Integer.parseInt(DEFAULT_PORT)), parse().endpoint());
    }

    @Test
    void theDefaultsAreReadFromTheEnvironment() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new Program()).getCommandSpec();

        assertEquals("${env:CHAT_BINDER_HOST:-localhost}", spec.findOption("--binder-host").defaultValueString(false));
        assertEquals("${env:CHAT_BINDER_PORT:-5000}", spec.findOption("--binder-port").defaultValueString(false));
    }

    @Test
    void aPortOutOfRangeIsRefusedWhenTheEndpointIsAskedFor() {
        BinderAddressOptions options = parse("--binder-port", "70000");

        assertEquals("port must be between 1 and 65535, got 70000",
                assertThrows(IllegalArgumentException.class, options::endpoint).getMessage());
    }

    @Test
    void helpNamesBothOptionsAndTheirVariables() {
        String help = new CommandLine(new Program()).getUsageMessage().replaceAll("\\s+", " ");

        assertTrue(help.contains("--binder-host=HOST"), help);
        assertTrue(help.contains("--binder-port=PORT"), help);
        assertTrue(help.contains("The Binder's address (default: " + DEFAULT_HOST + "; env CHAT_BINDER_HOST)"), help);
        assertTrue(help.contains("The Binder's port (default: " + DEFAULT_PORT + "; env CHAT_BINDER_PORT)"), help);
    }

    @Test
    void binderNamesSeveralBindersInOrder() {
        assertEquals(Binders.of(new Endpoint("a.example", 5000), new Endpoint("b.example", 5001)),
                parse("--binder", "a.example:5000,b.example:5001").binders());
        assertEquals(new Endpoint("a.example", 5000), parse("--binder", "a.example:5000,b.example:5001").endpoint());
    }

    @Test
    void withoutBinderTheHostAndPortNameOneBinder() {
        assertEquals(Binders.of(new Endpoint("chat.example", 6001)),
                parse("--binder-host", "chat.example", "--binder-port", "6001").binders());
    }

    @Test
    void bothFormsOnTheCommandLineAreRefused() {
        BinderAddressOptions options = parse("--binder", "a.example:5000", "--binder-port", "6001");

        assertEquals("give the Binders either with --binder HOST:PORT[,HOST:PORT...] or with --binder-host and"
                + " --binder-port, not both", assertThrows(IllegalArgumentException.class, options::binders).getMessage());
    }

    @Test
    void aBinderThatIsNotHostColonPortIsRefusedQuotingIt() {
        BinderAddressOptions options = parse("--binder", "a.example:5000,b.example");

        assertEquals("'b.example' is not HOST:PORT",
                assertThrows(IllegalArgumentException.class, options::binders).getMessage());
    }

    @Test
    void theListDefaultsToTheEnvironment() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new Program()).getCommandSpec();

        assertEquals("${env:CHAT_BINDER}", spec.findOption("--binder").defaultValueString(false));
    }
}
