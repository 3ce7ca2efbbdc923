package chat.client;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How lines look on the person's screen: colours, the local time before each message, the bell when
 * someone mentions the person. On a terminal all three are on (colours unless turned off); over a file
 * or a pipe all are off, so a transcript reads as the original's did.
 *
 * @param colour whether lines carry colours (never over a file or a pipe, with {@code --no-color}, or when
 *               {@code NO_COLOR} is set)
 * @param times  whether each message starts with the local time, {@code HH:mm}, of its server timestamp
 * @param bell   whether a mention of the person's name rings the terminal's bell
 * @param zone   the time zone the times are shown in
 */
public record Display(boolean colour, boolean times, boolean bell, ZoneId zone) {
    /**
     * Checks the time zone.
     *
     * @param colour whether lines carry colours (never over a file or a pipe, with {@code --no-color}, or when
     *               {@code NO_COLOR} is set)
     * @param times  whether each message starts with the local time, {@code HH:mm}, of its server timestamp
     * @param bell   whether a mention of the person's name rings the terminal's bell
     * @param zone   the time zone the times are shown in
     */
    public Display {
        Objects.requireNonNull(zone, "zone");
    }

    /** {@return output to a file or a pipe: no colours, no times, no bell} */
    public static Display plain() {
        return new Display(false, false, false, ZoneId.systemDefault());
    }

    /**
     * Output to a terminal: times and the bell, and colours when {@code colour}.
     *
     * @param colour whether lines carry colours
     * @param zone   the time zone the times are shown in
     * @return the display
     */
    public static Display terminal(boolean colour, ZoneId zone) {
        return new Display(colour, true, true, zone);
    }

    /**
     * @param ring whether a mention rings the bell
     * @return the same display, with or without the bell
     */
    public Display withBell(boolean ring) {
        return new Display(colour, times, ring, zone);
    }

    /**
     * Whether colours are wanted, from the {@code --no-color} option and the {@code NO_COLOR} variable
     * (<a href="https://no-color.org">no-color.org</a>: set and not empty means no colour).
     *
     * @param noColorOption   whether {@code --no-color} was given
     * @param noColorVariable the value of {@code NO_COLOR}; null when it is not set
     * @return true when neither turns colours off
     */
    public static boolean colourWanted(boolean noColorOption, String noColorVariable) {
        return !noColorOption && (noColorVariable == null || noColorVariable.isEmpty());
    }
}
