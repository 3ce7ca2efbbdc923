package chat.binder;

import chat.common.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a Binder keeps in step with the other Binders of its deployment: every {@code every} it shares what
 * registered with it ({@link Binder#shareable()}) with each Binder it knows, the {@code peers} it was told of and
 * those it learned from them. Each of them admits it as it admits a server: by address, or by {@code secret}.
 *
 * @param peers  the Binders to share with from the start; others are learned from them
 * @param secret the secret presented to them (null for none): the deployment's, which their --secret holds.
 *               Never logged or printed: {@link #toString()} hides it
 * @param every  the time between two rounds of sharing
 * @param advertisedHost the address this Binder gives its peers for itself, where the one it binds is not one they
 *               reach (0.0.0.0, NAT, containers); null for the address it binds
 */
public record Peering(List<Endpoint> peers, String secret, Duration every, String advertisedHost) {
    /** How often a Binder shares with its peers unless told otherwise. */
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(2);
    /** No peers to begin with: a Binder alone until another shares with it. */
    public static final Peering ALONE = new Peering(List.of(), null, DEFAULT_EVERY, null);

    /**
     * Checks the timing and the secret, and copies the peers.
     *
     * @param peers  the Binders to share with from the start; others are learned from them
     * @param secret the secret presented to them (null for none): the deployment's, which their --secret holds.
     *               Never logged or printed: {@link #toString()} hides it
     * @param every  the time between two rounds of sharing
     * @param advertisedHost the address this Binder gives its peers for itself; null for the address it binds
     * @throws NullPointerException     for missing peers or timing
     * @throws IllegalArgumentException for a time between rounds that is not positive, a blank secret or a blank
     *                                  advertised address
     */
    public Peering {
        peers = List.copyOf(Objects.requireNonNull(peers, "peers"));
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the time between two rounds of sharing must be positive, got " + every);
        }
        if (secret != null && secret.isBlank()) {
            throw new IllegalArgumentException("the secret presented to peers must not be blank (leave it unset)");
        }
        if (advertisedHost != null && advertisedHost.isBlank()) {
            throw new IllegalArgumentException("the advertised address must not be blank (leave it unset)");
        }
    }

    /**
     * Peering that gives its peers the address the Binder binds.
     *
     * @param peers  the Binders to share with from the start; others are learned from them
     * @param secret the secret presented to them (null for none)
     * @param every  the time between two rounds of sharing
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Peering(List<Endpoint> peers, String secret, Duration every) {
        this(peers, secret, every, null);
    }

    /**
     * @param value the secret to present; null for none
     * @return the same peers and timing, presenting {@code value} to them
     */
    public Peering withSecret(String value) {
        return new Peering(peers, value, every, advertisedHost);
    }

    /**
     * The address this Binder gives its peers for itself.
     *
     * @param boundHost the address the Binder binds
     * @param port      the port it serves on
     * @return the advertised address when one is set, else {@code boundHost}, at {@code port}
     */
    public Endpoint self(String boundHost, int port) {
        return new Endpoint(advertisedHost == null ? boundHost : advertisedHost, port);
    }

    @Override
    public String toString() {
        return "Peering[peers=" + peers + ", secret=" + (secret == null ? "none" : "(hidden)") + ", every=" + every
                + ", advertisedHost=" + advertisedHost + "]";
    }
}
