package chat.server.persist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The checks made on a chat's SQLite file before SQLite opens it, so that a file of another kind or one cut
 * short is refused without a byte of it changed (SQLite itself would turn an empty file into a new database).
 */
final class SqliteFile {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 100;

    private SqliteFile() {
    }

    /** Refuses a file at {@code file} that cannot be a whole SQLite database; a missing file passes. */
    static void check(Path file) throws DatabaseProblem {
        if (!Files.exists(file)) {
            Path directory = file.getParent();
            if (!Files.isDirectory(directory)) {
                throw new DatabaseProblem("cannot keep the chat in " + directory + ": not a directory");
            }
            if (!Files.isWritable(directory)) {
                throw new DatabaseProblem("cannot create the chat database " + file + ": the directory is not writable"
                        + " (give another --data-dir, or --memory-only)");
            }
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new DatabaseProblem("the chat database " + file + " is not a file");
        }
        if (!Files.isReadable(file) || !Files.isWritable(file)) {
            throw new DatabaseProblem("cannot read and write the chat database " + file + " (check its owner and permissions)");
        }
        byte[] header = new byte[HEADER];
        long size;
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            read = in.readNBytes(header, 0, HEADER);
        } catch (IOException e) {
            throw new DatabaseProblem("cannot read the chat database " + file + ": " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new DatabaseProblem("the chat database " + file + " is empty, not a chat: it was cut short or is"
                    + " not one (move it away to start a new chat there)");
        }
        if (!Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new DatabaseProblem("the chat database " + file + " is not an SQLite database but a file of another"
                    + " kind (move it away, or give another --data-dir)");
        }
        int pageSize = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
        if (pageSize == 1) {
            pageSize = 65536;
        }
        boolean damaged = read < HEADER || pageSize < 512 || Integer.bitCount(pageSize) != 1 || size % pageSize != 0;
        if (!damaged && int32(header, 24) == int32(header, 92) && !walHolds(file)) {
            // The header's page count is valid (written with the last change) and no write-ahead log holds newer
            // pages: a file shorter than that count was cut short.
            damaged = size < (int32(header, 28) & 0xffffffffL) * pageSize;
        }
        if (damaged) {
            throw new DatabaseProblem("the chat database " + file + " is damaged: " + size + " bytes, cut short"
                    + " (restore it from a backup, or move it away to start a new chat)");
        }
    }

    private static boolean walHolds(Path file) {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        try {
            return Files.exists(wal) && Files.size(wal) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static int int32(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }
}
