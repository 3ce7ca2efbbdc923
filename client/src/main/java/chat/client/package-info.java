/**
 * The terminal client, and the client library under it for scripts and bots.
 *
 * <p>A program talks to the chat through a {@link chat.client.ChatClient}: one typed method per procedure, each
 * sent to the server the Binder names, moving to another server when that one stops answering (told to a
 * {@link chat.client.FailoverListener}) and throwing a {@link chat.client.ChatCallException} when no usable answer
 * comes. {@link chat.client.ChatClient#forBinder} makes one with the defaults, {@link chat.client.ChatClient#of}
 * from a {@link chat.client.ClientConfig}; a {@link chat.client.RoomFeed} follows a room's messages.
 *
 * <pre>{@code
 * try (ChatClient bot = ChatClient.forBinder(new Endpoint("localhost", 5000))) {
 *     bot.register("bot");
 *     bot.createRoom("lobby");
 *     bot.join("bot", "lobby");
 *     bot.send("bot", "lobby", "hello", null);
 * }
 * }</pre>
 *
 * <p>The person's side: {@link chat.client.Main} (the command line), {@link chat.client.ChatSession} (the menu and
 * the room, on a {@link chat.client.ChatConsole}), and {@link chat.client.ScriptSession} (bot mode: lines from
 * standard input, arrivals to standard output).
 */
package chat.client;
