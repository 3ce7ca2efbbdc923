package chat.common;

import java.math.BigDecimal;

/**
 * Just enough JSON writing for the programs' one-object-per-line outputs (the client's --json lines, the
 * Binder's status): a correct string escaper and plain decimal numbers.
 */
public final class Json {
    private Json() {
    }

    /**
     * {@code value} as a JSON number in plain decimal notation, with a decimal point ({@code 1714583109.25}, never
     * {@code 1.71458310925E9}; {@code 5.0}), and the digits of {@link Double#toString}, which read back as the same
     * double.
     *
     * @param value any double
     * @return the JSON text; {@code null} for NaN and the infinities, which JSON cannot write
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        String digits = Double.toString(value);
        if (digits.indexOf('E') < 0) {
            return digits;
        }
        // Double.toString writes an exponent below 10^-3 and from 10^7 on: the same digits, written out.
        String plain = new BigDecimal(digits).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /**
     * {@code text} as a JSON string: {@code "}, {@code \}, and control characters escaped.
     *
     * @param text any text
     * @return the JSON text, quotes included
     */
    public static String string(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    // Control characters must be escaped; U+2028/2029 too, for readers that are JavaScript.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
