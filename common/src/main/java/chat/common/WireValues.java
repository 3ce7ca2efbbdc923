package chat.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Conversions between XML-RPC values as the library hands them over and plain Java values. */
public final class WireValues {
    private WireValues() {
    }

    /**
     * The XML-RPC name of a value's type, for error messages (never a Java class name).
     *
     * @param value a value as the library hands it over
     * @return {@code string}, {@code int}, {@code struct}, ...; {@code nil} for null
     */
    public static String typeName(Object value) {
        if (value == null) {
            return "nil";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Integer) {
            return "int";
        } else if (value instanceof Double || value instanceof Float) {
            return "double";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof Object[] || value instanceof Collection) {
            return "array";
        } else if (value instanceof Map) {
            return "struct";
        } else if (value instanceof byte[]) {
            return "base64";
        } else if (value instanceof Date) {
            return "dateTime.iso8601";
        } else if (value instanceof Number) {
            return "integer";
        }
        return "unsupported value";
    }

    /**
     * A struct member of the given type.
     *
     * @param <T>    the member's Java type
     * @param struct the struct
     * @param name   the member's name
     * @param type   the Java class it must be an instance of
     * @return its value
     * @throws IllegalArgumentException for a missing or mistyped member, naming it
     */
    public static <T> T member(Map<?, ?> struct, String name, Class<T> type) {
        Object value = struct.get(name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("member '" + name + "' must be a " + expected(type)
                    + ", got " + typeName(value));
        }
        return type.cast(value);
    }

    /**
     * An XML-RPC array as a list; the library hands arrays over as {@code Object[]}.
     *
     * @param value the wire value
     * @return its items, in order
     * @throws IllegalArgumentException for anything but an array
     */
    public static List<Object> array(Object value) {
        if (value instanceof Object[] array) {
            return Collections.unmodifiableList(Arrays.asList(array));
        } else if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        throw new IllegalArgumentException("expected an array, got " + typeName(value));
    }

    /**
     * An XML-RPC array of strings.
     *
     * @param value the wire value
     * @return its strings, in order
     * @throws IllegalArgumentException for anything else
     */
    public static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        for (Object item : array(value)) {
            if (!(item instanceof String s)) {
                throw new IllegalArgumentException("expected an array of strings, found " + typeName(item));
            }
            result.add(s);
        }
        return result;
    }

    /**
     * An XML-RPC array of message structs.
     *
     * @param value the wire value
     * @return its messages, in order
     * @throws IllegalArgumentException for anything else, or a malformed message
     */
    public static List<Message> messages(Object value) {
        List<Message> result = new ArrayList<>();
        for (Object item : array(value)) {
            result.add(Message.fromWire(item));
        }
        return result;
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "string";
        } else if (Number.class.isAssignableFrom(type)) {
            return "number";
        }
        return type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
