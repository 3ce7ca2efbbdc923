/**
 * XML-RPC over HTTP, both sides, speaking the wire as Python's {@code xmlrpc} does (bare {@code <nil/>},
 * UTF-8, {@code /} and {@code /RPC2}).
 *
 * <p>Serving: a {@link chat.common.rpc.ProcedureTable} of {@link chat.common.rpc.Procedure}s, each with a
 * {@link chat.common.rpc.Signature} by which its {@link chat.common.rpc.Params} are read and refused, served by
 * an {@link chat.common.rpc.RpcEndpoint} within its {@link chat.common.rpc.HttpLimits}; refusals carry the codes
 * of {@link chat.common.rpc.Faults}. Calling: {@link chat.common.rpc.RpcClient}, which throws an
 * {@link chat.common.rpc.RpcFault} for a fault and an {@link chat.common.rpc.RpcTransportException} when no
 * answer came.
 */
package chat.common.rpc;
