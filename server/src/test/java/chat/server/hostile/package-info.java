/**
 * The adversarial suite: hostile input and hostile clients, over raw sockets, against a real Binder and
 * chat server started in-process on loopback. The servers must stay up, answer clearly (a status or a
 * fault, never a stack trace, a Java class name or a server path) and lose nothing.
 *
 * <ul>
 *   <li>{@link chat.server.hostile.HttpAttacksTest}, {@link chat.server.hostile.XmlRpcAttacksTest} and
 *       {@link chat.server.hostile.LargeValueAttacksTest}: tables of named {@link chat.server.hostile.Attack}s,
 *       each its own test against each program it makes sense for. Before each, fresh state is seeded; after
 *       each, both programs must answer, every seeded user, room, member, message and Binder name must be as
 *       it was, and a normal client must still register, join, send and receive ({@link chat.server.hostile.Servers}).</li>
 *   <li>{@link chat.server.hostile.MixedTrafficTest}: valid and hostile clients at once; every message the
 *       server accepted reaches every member exactly once, in order.</li>
 * </ul>
 *
 * <p>{@link chat.server.hostile.Wire} is the raw connection (every wait bounded, every answer checked by
 * {@link chat.server.hostile.Leaks}); {@link chat.server.hostile.Payloads} writes the hostile bytes.
 * Run it alone with {@code mvn -pl server -am test -Dtest='chat.server.hostile.*Test' -Dsurefire.failIfNoSpecifiedTests=false}
 * (the pattern {@code chat.server.hostile.*} matches no test in Surefire 3.2, and says so only by running none).
 */
package chat.server.hostile;
