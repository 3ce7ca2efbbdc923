/**
 * The plumbing under {@link chat.common.rpc}: the HTTP server on Netty, request reading and limits, the hardened
 * XML parsing and the writing of answers. Its types are public only so that {@code chat.common.rpc} can use them;
 * they are not part of the API, and the published Javadoc leaves this package out.
 */
package chat.common.rpc.internal;
