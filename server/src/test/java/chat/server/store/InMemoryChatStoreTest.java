package chat.server.store;

class InMemoryChatStoreTest extends ChatStoreContract {
    @Override
    protected ChatStore newStore(int historyLimit) {
        return new InMemoryChatStore(historyLimit);
    }
}
