package chat.testkit;

import chat.client.ArrivalFormat;
import chat.client.ChatClient;
import chat.client.ClientConfig;
import chat.client.ScriptSession;
import chat.client.Texts;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What one run of the client's bot mode ({@code client --user NAME --room ROOM}) did: its exit status, the lines it
 * wrote (each message that arrived, as {@code HH:mm:ss<TAB>origin<TAB>destination<TAB>content}, times in UTC) and
 * its error lines.
 *
 * @param exitStatus {@link ScriptSession#EXIT_OK} when every line was sent, else the status its {@code --help} lists
 * @param output     the lines written to standard output
 * @param errors     the lines written to standard error
 */
public record BotRun(int exitStatus, List<String> output, List<String> errors) {
    /**
     * Copies the lists.
     *
     * @param exitStatus {@link ScriptSession#EXIT_OK} when every line was sent, else the status its {@code --help} lists
     * @param output     the lines written to standard output
     * @param errors     the lines written to standard error
     */
    public BotRun {
        output = List.copyOf(output);
        errors = List.copyOf(errors);
    }

    static BotRun run(ClientConfig config, String user, String room, Duration linger, List<String> lines) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ScriptSession.Options options = new ScriptSession.Options(user, room, ArrivalFormat.TEXT, linger,
                config.pollInterval(), ZoneOffset.UTC);
        BufferedReader in = new BufferedReader(new StringReader(lines.isEmpty() ? "" : String.join("\n", lines) + "\n"));
        int status;
        try (PrintWriter outWriter = new PrintWriter(out, true); PrintWriter errWriter = new PrintWriter(err, true);
             ScriptSession session = new ScriptSession(ChatClient.of(config), options, in, outWriter, errWriter,
                     Texts.of(config.language()))) {
            status = session.run();
        }
        return new BotRun(status, out.toString().lines().toList(), err.toString().lines().toList());
    }

    /** {@return the message lines' contents (the last field), in the order they arrived} */
    public List<String> contents() {
        return output.stream().map(line -> line.substring(line.lastIndexOf('\t') + 1)).toList();
    }
}
