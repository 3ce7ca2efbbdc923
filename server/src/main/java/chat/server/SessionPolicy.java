package chat.server;

/**
 * Which calls of the original form (without a session token) a server answers. A session is what a
 * name registered with {@code register_session} holds; its token travels in the
 * {@value chat.common.ChatProcedures#SESSION_HEADER} HTTP header of every call.
 */
public enum SessionPolicy {
    /** Every call of the original form is answered, as the original does (the default): Python clients work. */
    OPEN,
    /** A call of the original form that acts as a user holding a session is refused; other names stay open. */
    PROTECT,
    /** Every call but {@code register_session} must carry a session: calls of the original form are refused. */
    REQUIRE
}
