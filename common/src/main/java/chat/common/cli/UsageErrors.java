package chat.common.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every program answers a mistaken command line: one line on standard error, naming the option and what is
 * wrong ({@code binder: --port: 'abc' is not a port number (0-65535, 0 for a free one); see --help}), and exit
 * status 2. The usage, some sixty lines, is for {@code --help}: printed after a mistake it buries the one line
 * that matters.
 */
public final class UsageErrors implements IParameterExceptionHandler {
    private UsageErrors() {
    }

    /**
     * Makes {@code command} and its subcommands answer mistakes in one line.
     *
     * @param command a program's command line
     * @return {@code command}
     */
    public static CommandLine install(CommandLine command) {
        return command.setParameterExceptionHandler(new UsageErrors());
    }

    @Override
    public int handleParseException(ParameterException mistake, String[] args) {
        CommandLine command = mistake.getCommandLine();
        command.getErr().println(line(mistake));
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * The line for {@code mistake}, starting with the command's name ({@code binder}, {@code binder status}).
     *
     * @param mistake what picocli refused
     * @return the option, what is wrong with it, and where to see the usage
     */
    public static String line(ParameterException mistake) {
        return mistake.getCommandLine().getCommandSpec().qualifiedName() + ": " + what(mistake) + "; see --help";
    }

    /**
     * What is wrong: picocli's message, with an option's value refused as {@code --port: 'abc' is not ...} rather
     * than {@code Invalid value for option '--port': 'abc' is not ...}, and a misspelt option followed by the
     * options it may have meant, when picocli finds some.
     */
    private static String what(ParameterException mistake) {
        String message = mistake.getMessage();
        if (mistake.getArgSpec() instanceof OptionSpec option) {
            String invalid = "Invalid value for option '" + option.longestName() + "': ";
            if (message.startsWith(invalid)) {
                return option.longestName() + ": " + message.substring(invalid.length());
            }
        }
        if (mistake instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            List<String> suggestions = unmatched.getSuggestions();
            return message + " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                    + "?)";
        }
        return message;
    }
}
