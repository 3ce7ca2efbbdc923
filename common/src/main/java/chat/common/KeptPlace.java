package chat.common;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a clustered server keeps the chat beyond its memory, as it says in its {@code server_status}: a server
 * joining its cluster compares its own place with it, because the members of one chat keep it in one place. On
 * the wire it is the struct {@code {kind, machine, where}}.
 *
 * @param kind    memory only, an SQLite file, or a PostgreSQL database
 * @param machine for a file, the machine it is on: a name derived from the machine's id, the same for every
 *                program on one machine and different on another; empty for the other kinds
 * @param where   the file's absolute path, or the database's URL without its password; empty for memory only
 */
public record KeptPlace(Kind kind, String machine, String where) {

    /** Nothing is kept beyond the members' memory. */
    public static final KeptPlace MEMORY_ONLY = new KeptPlace(Kind.MEMORY, "", "");

    /** The kinds of place, each named on the wire by its lower-case name. */
    public enum Kind {
        /** The members' memory only. */
        MEMORY,
        /** An SQLite file on one machine. */
        FILE,
        /** A PostgreSQL database, reached by URL from any machine. */
        DATABASE;

        /** {@return the name on the wire} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks that a file names its machine and path, and that the other kinds name what they should.
     *
     * @param kind    memory only, an SQLite file, or a PostgreSQL database
     * @param machine the file's machine; empty for the other kinds
     * @param where   the file's path or the database's URL; empty for memory only
     * @throws IllegalArgumentException for a place that names too little or too much
     */
    public KeptPlace {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(where, "where");
        if ((kind == Kind.FILE) == machine.isEmpty()) {
            throw new IllegalArgumentException("a file names its machine, and only a file does: " + kind + " on '"
                    + machine + "'");
        }
        if ((kind == Kind.MEMORY) != where.isEmpty()) {
            throw new IllegalArgumentException("a file or a database names where it is, and memory does not: "
                    + kind + " at '" + where + "'");
        }
    }

    /**
     * @param machine the machine the file is on (see {@link #machine()})
     * @param path    the file's absolute path
     * @return the place of a chat kept in that file
     */
    public static KeptPlace file(String machine, String path) {
        return new KeptPlace(Kind.FILE, machine, path);
    }

    /**
     * @param url the database's URL, without its password
     * @return the place of a chat kept in that database
     */
    public static KeptPlace database(String url) {
        return new KeptPlace(Kind.DATABASE, "", url);
    }

    /** {@return the place in words, for a log line or an error: "memory only", "the file PATH", "the database URL"} */
    public String label() {
        return switch (kind) {
            case MEMORY -> "memory only";
            case FILE -> "the file " + where;
            case DATABASE -> "the database " + where;
        };
    }

    /** {@return the XML-RPC struct} */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("kind", kind.wireName());
        wire.put("machine", machine);
        wire.put("where", where);
        return wire;
    }

    /**
     * Reads the struct.
     *
     * @param value the {@code kept} member of a cluster's status
     * @return the place
     * @throws IllegalArgumentException for a value that is not such a struct, naming what is wrong
     */
    public static KeptPlace fromWire(Object value) {
        if (!(value instanceof Map<?, ?> struct)) {
            throw new IllegalArgumentException("expected a kept-place struct, got " + WireValues.typeName(value));
        }
        String kind = WireValues.member(struct, "kind", String.class);
        for (Kind known : Kind.values()) {
            if (known.wireName().equals(kind)) {
                return new KeptPlace(known, WireValues.member(struct, "machine", String.class),
                        WireValues.member(struct, "where", String.class));
            }
        }
        throw new IllegalArgumentException("unknown kind of kept place '" + kind + "'");
    }
}
