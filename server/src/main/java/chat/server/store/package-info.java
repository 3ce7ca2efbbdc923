/**
 * Where a chat server keeps the chat: the {@link chat.server.store.ChatStore} contract (each operation atomic,
 * its Javadoc the rules every implementation keeps), {@link chat.server.store.InMemoryChatStore} for a standalone
 * server, the records stores answer with, and {@link chat.server.store.StoreKind}, which names each kind for the
 * options and the status view.
 */
package chat.server.store;
