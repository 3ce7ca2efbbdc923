/**
 * The chat's test kit, for other projects' tests: a {@link chat.testkit.ChatSystem} runs a Binder and chat
 * servers in the test's JVM on free ports and a clock the test moves, and hands out the people the test speaks
 * for: a {@link chat.testkit.ChatUser} over the client library, a {@link chat.testkit.TerminalUser} at the real
 * terminal client, or a bot run ({@link chat.testkit.BotRun}); it also starts Python original servers
 * ({@link chat.testkit.ChatSystem#startPythonServer()}).
 * With JUnit 5, {@link chat.testkit.ChatTest} hands a started system to a test.
 */
package chat.testkit;
