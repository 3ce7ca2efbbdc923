/**
 * What every program of the chat shares: the wire's value types, each with its one conversion to and from
 * XML-RPC values ({@link chat.common.Message}, {@link chat.common.Endpoint}, {@link chat.common.JoinedRoom},
 * {@link chat.common.MessageBatch}, {@link chat.common.ServerStatus}, {@link chat.common.BinderRegistration}), the
 * procedures' names ({@link chat.common.ChatProcedures}), and {@link chat.common.BinderClient}, which registers
 * and looks up procedures with a Binder.
 *
 * <p>The procedures themselves are declared in {@link chat.common.catalogue}; XML-RPC on both sides is
 * {@link chat.common.rpc}.
 */
package chat.common;
