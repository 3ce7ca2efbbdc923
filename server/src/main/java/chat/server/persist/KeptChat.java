package chat.server.persist;

import chat.common.Endpoint;
import chat.server.store.ChatImage;
import chat.server.store.ChatStore;
import chat.server.store.InMemoryChatStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A standalone server's chat kept in its data directory: the store, started from what the database kept, that
 * writes every change there before answering. The file is this server's alone while it runs (a second server
 * given the same one is refused), and is closed with it.
 */
public final class KeptChat implements AutoCloseable {
    private final ChatDatabase database;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final InMemoryChatStore store;

    private KeptChat(ChatDatabase database, FileChannel lockFile, FileLock lock, InMemoryChatStore store) {
        this.database = database;
        this.lockFile = lockFile;
        this.lock = lock;
        this.store = store;
    }

    /**
     * Opens (creating it if needed) the file of the standalone chat of the Binder at {@code binder} in
     * {@code directory}, and loads it; every name counts as seen at {@code now}.
     *
     * @param directory    the data directory
     * @param binder       the Binder's address (null: a server registered with none)
     * @param historyLimit how many messages each room keeps
     * @param now          when the kept names count as last seen
     * @return the kept chat, its store ready
     * @throws DatabaseProblem the directory or file cannot be used, or another server runs on it (the message
     *                         says which and what to do); nothing in it is changed then
     */
    public static KeptChat standalone(Persistence.DataDirectory directory, Endpoint binder, int historyLimit,
                                      Instant now) throws DatabaseProblem {
        Path file = directory.fileFor(binder, true);
        try {
            Files.createDirectories(directory.directory());
        } catch (IOException e) {
            throw new DatabaseProblem("cannot create the data directory " + directory.directory() + ": " + e
                    + " (give another --data-dir, or --memory-only)", e);
        }
        Path lockPath = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DatabaseProblem("cannot keep the chat in " + directory.directory() + ": " + e
                    + " (give another --data-dir, or --memory-only)", e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new DatabaseProblem("another standalone server keeps its chat in " + file
                        + " (give this one another --data-dir, or --memory-only)");
            }
            ChatDatabase database = ChatDatabase.openStandaloneFile(file, historyLimit);
            try {
                ChatImage image = database.load();
                return new KeptChat(database, channel, lock, InMemoryChatStore.restore(historyLimit, image, database, now));
            } catch (DatabaseProblem | RuntimeException e) {
                database.close();
                throw e;
            }
        } catch (DatabaseProblem | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws DatabaseProblem {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this process already
        } catch (IOException e) {
            throw new DatabaseProblem("cannot lock the chat's file: " + e, e);
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    /** {@return the store over the kept chat} */
    public ChatStore store() {
        return store;
    }

    /** {@return the database, as messages name it} */
    public String where() {
        return database.where();
    }

    /** Closes the database and lets another server use the file. */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            try {
                lock.release();
                lockFile.close();
            } catch (IOException e) {
                throw new IllegalStateException("releasing the lock on the chat's file failed: " + e.getMessage(), e);
            }
        }
    }
}
