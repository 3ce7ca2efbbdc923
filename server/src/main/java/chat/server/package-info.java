/**
 * The chat server: {@link chat.server.ChatServer#start} runs one from a {@link chat.server.ServerConfig} (built
 * with {@link chat.server.ServerConfig#builder()}), registers its procedures with the Binder, and answers them
 * from a {@link chat.server.ChatService}, which holds the chat's rules ({@link chat.server.ChatSettings},
 * {@link chat.server.ChatLimits}, {@link chat.server.IdleTimes}, {@link chat.server.SessionPolicy}) and refuses
 * with a {@link chat.server.ChatRefusal}. Where the chat is kept is {@link chat.server.store}; the store every
 * server of a Binder shares is {@link chat.server.cluster}. {@link chat.server.Main} is the command line.
 *
 * <pre>{@code
 * try (ChatServer server = ChatServer.start(ServerConfig.builder().binder(binder).build())) {
 *     Endpoint where = server.endpoint();   // on a free port, registered with the Binder
 *     ...
 * }
 * }</pre>
 */
package chat.server;
