package chat.common.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads the port a program listens on: 0 to 65535, 0 for a free one; anything else is refused saying so. */
public final class ListeningPort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same words
        }
        throw new TypeConversionException("'" + value + "' is not a port number (0-65535, 0 for a free one)");
    }
}
