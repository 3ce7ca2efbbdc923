/**
 * A person at a terminal, for tests of the client: a {@link chat.client.testing.Keyboard} that types into the
 * client's standard input and a {@link chat.client.testing.Screen} that reads its output as the person would see
 * it, for a {@link chat.client.ChatConsole} over a dumb terminal. In main code so that the client's tests and the
 * test kit share them.
 */
package chat.client.testing;
