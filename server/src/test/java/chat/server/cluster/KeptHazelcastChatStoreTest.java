package chat.server.cluster;

import chat.server.persist.ChatDatabase;
import chat.server.persist.DatabaseProblem;
import chat.server.store.ChatStore;
import chat.server.store.ChatStoreContract;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract against the clustered store kept in a database: two members in this JVM, each writing the
 * rooms and names it owns to one SQLite file per store (each store's maps have a namespace of their own).
 */
class KeptHazelcastChatStoreTest extends ChatStoreContract {
    @TempDir
    static Path directory;
    private static TcpMembers members;
    private static final List<KeptMaps> kept = new ArrayList<>();
    private static int stores;
    private final List<HazelcastChatStore> opened = new ArrayList<>();

    @BeforeAll
    static void startMembers() {
        members = TcpMembers.start(2, (config, index) -> {
            KeptMaps maps = new KeptMaps(namespace -> open(directory.resolve(namespace + ".db")), 10_000, Instant::now);
            maps.configure(config);
            kept.add(maps);
        });
    }

    private static ChatDatabase open(Path file) {
        try {
            return ChatDatabase.openFile(file, 10_000);
        } catch (DatabaseProblem e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopMembers() {
        members.close();
        kept.forEach(KeptMaps::close);
    }

    @Override
    protected ChatStore newStore(int historyLimit) {
        HazelcastChatStore store = new HazelcastChatStore(members.get(0), "kept" + ++stores, historyLimit);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(HazelcastChatStore::close);
    }
}
