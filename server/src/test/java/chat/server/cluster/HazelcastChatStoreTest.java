package chat.server.cluster;

import chat.server.store.ChatStore;
import chat.server.store.ChatStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract against the clustered store, on two members in this JVM, the store on the first: about
 * half the rooms live on the other member, so operations cross the network. Each store gets maps of its own.
 */
class HazelcastChatStoreTest extends ChatStoreContract {
    private static TcpMembers members;
    private static int stores;
    private final List<HazelcastChatStore> opened = new ArrayList<>();

    @BeforeAll
    static void startMembers() {
        members = TcpMembers.start(2);
    }

    @AfterAll
    static void stopMembers() {
        members.close();
    }

    @Override
    protected ChatStore newStore(int historyLimit) {
        HazelcastChatStore store = new HazelcastChatStore(members.get(0), "contract" + ++stores, historyLimit);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(HazelcastChatStore::close);
    }
}
