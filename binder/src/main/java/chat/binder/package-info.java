/**
 * The Binder: the registry where chat servers register their procedures and clients look them up.
 *
 * <p>{@link chat.binder.BinderServer#start} runs one from a {@link chat.binder.BinderConfig} (built with
 * {@link chat.binder.BinderConfig#builder()}) and serves the registry, a {@link chat.binder.Binder}, over
 * XML-RPC. Who may register is a {@link chat.binder.RegistrationPolicy} of {@link chat.binder.AddressBlock}s and
 * a secret; a {@link chat.binder.LivenessChecker} probes registered servers with a {@link chat.binder.Prober}
 * under the {@link chat.binder.Liveness} rules, so dead ones stop being handed out; the Binders of one deployment
 * share their registrations as their {@link chat.binder.Peering} says. {@link chat.binder.Main} is the command
 * line, {@code binder status} included.
 *
 * <pre>{@code
 * try (BinderServer binder = BinderServer.start(BinderConfig.builder().port(0).build())) {
 *     Endpoint where = binder.endpoint();   // the bound port, never 0
 *     ...
 * }
 * }</pre>
 */
package chat.binder;
