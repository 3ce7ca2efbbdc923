package chat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.server.persist.ChatDatabase;
import chat.server.persist.DatabaseProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract against a store that writes every change to an SQLite file; after each test, the file
 * read back holds exactly what the store holds.
 */
class KeptInMemoryChatStoreTest extends ChatStoreContract {
    @TempDir
    Path directory;

    private final List<InMemoryChatStore> stores = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final List<ChatDatabase> databases = new ArrayList<>();
    private final List<Integer> limits = new ArrayList<>();

    @Override
    protected ChatStore newStore(int historyLimit) {
        Path file = directory.resolve("chat-" + stores.size() + ".db");
        try {
            ChatDatabase database = ChatDatabase.openFile(file, historyLimit);
            InMemoryChatStore store = new InMemoryChatStore(historyLimit, database);
            stores.add(store);
            files.add(file);
            databases.add(database);
            limits.add(historyLimit);
            return store;
        } catch (DatabaseProblem e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void theFileHoldsWhatTheStoreHolds() throws DatabaseProblem {
        databases.forEach(ChatDatabase::close);
        for (int i = 0; i < stores.size(); i++) {
            try (ChatDatabase reopened = ChatDatabase.openFile(files.get(i), limits.get(i))) {
                assertEquals(stores.get(i).image(), reopened.load());
            }
        }
    }
}
