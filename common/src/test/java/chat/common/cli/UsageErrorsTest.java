package chat.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A mistaken command line is one line naming the option and what is wrong, and exit status 2; never the usage. */
class UsageErrorsTest {
    @Command(name = "status", mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        @Option(names = "--binder-port", converter = ListeningPort.class)
        int port;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "program", mixinStandardHelpOptions = true, subcommands = Status.class)
    static final class Program implements Callable<Integer> {
        @Option(names = "--port", paramLabel = "PORT", converter = ListeningPort.class)
        int port;

        @Option(names = "--workers", paramLabel = "N")
        int workers;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = UsageErrors.install(new CommandLine(new Program()));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private void assertOneLine(String expected, String... args) {
        assertEquals(2, run(args), String.join(" ", args));
        assertEquals(List.of(expected), err.toString().lines().toList());
        assertEquals("", out.toString());
        err.getBuffer().setLength(0);
    }

    @Test
    void aPortThatIsNoPortNumberIsOneLineNamingTheOption() {
        for (String port : List.of("abc", "70000", "-1", "")) {
            assertOneLine("program: --port: '" + port + "' is not a port number (0-65535, 0 for a free one); see --help",
                    "--port", port);
        }
        assertOneLine("program: --port: 'cinco' is not a port number (0-65535, 0 for a free one); see --help",
                "--port=cinco");
    }

    @Test
    void anyValueOfTheWrongTypeIsOneLineNamingTheOption() {
        assertOneLine("program: --workers: 'many' is not an int; see --help", "--workers", "many");
    }

    @Test
    void anUnknownOptionIsOneLineWithTheOptionsItMayHaveMeant() {
        assertOneLine("program: Unknown option: '--workes' (did you mean --workers?); see --help", "--workes");
        assertOneLine("program: Unknown option: '--zzzzzz'; see --help", "--zzzzzz");
        assertOneLine("program: Unknown options: '--prot', '1'; see --help", "--prot", "1");
    }

    @Test
    void aMissingValueIsOneLine() {
        assertOneLine("program: Missing required parameter for option '--port' (PORT); see --help", "--port");
    }

    @Test
    void aSubcommandsMistakeNamesTheSubcommand() {
        assertOneLine("program status: --binder-port: 'x' is not a port number (0-65535, 0 for a free one); see --help",
                "status", "--binder-port", "x");
    }

    @Test
    void aGoodPortIsReadAndHelpStillPrintsTheUsage() {
        assertEquals(0, run("--port", "0"));
        assertEquals(0, run("--port", "65535"));
        assertEquals(0, run("--help"));
        assertEquals("", err.toString());
        assertEquals(true, out.toString().startsWith("Usage: program"), out.toString());
    }
}
