package chat.binder;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Who may register procedures with a Binder: callers from the allowed addresses, and, when the Binder
 * has a secret, any caller that presents exactly that secret. Looking names up is open to everyone and
 * is not decided here.
 *
 * <p>The secret is kept only as its SHA-256 digest and is compared in constant time, so neither the
 * comparison's time nor {@link #toString()} tells anything about it.
 */
public final class RegistrationPolicy {
    /** 127.0.0.0/8 and ::1; IPv4 loopback written in IPv6 ({@code ::ffff:127.0.0.1}) counts as 127.0.0.1. */
    public static final List<AddressBlock> LOOPBACK = List.of(AddressBlock.parse("127.0.0.0/8"), AddressBlock.parse("::1"));

    private final boolean fromAnywhere;
    private final List<AddressBlock> allowed;
    /** SHA-256 of the secret's UTF-8 bytes; null when there is no secret. */
    private final byte[] secretDigest;

    private RegistrationPolicy(boolean fromAnywhere, List<AddressBlock> allowed, byte[] secretDigest) {
        this.fromAnywhere = fromAnywhere;
        this.allowed = List.copyOf(allowed);
        this.secretDigest = secretDigest;
    }

    /** {@return registration from this machine only: what a Binder does when nothing else is configured} */
    public static RegistrationPolicy loopbackOnly() {
        return allowing(LOOPBACK);
    }

    /**
     * Registration from the given addresses only.
     *
     * @param blocks the addresses allowed; none at all is allowed, with a secret to be useful
     * @return the policy
     */
    public static RegistrationPolicy allowing(List<AddressBlock> blocks) {
        return new RegistrationPolicy(false, blocks, null);
    }

    /** {@return registration from any address: the original's open door, as an explicit choice} */
    public static RegistrationPolicy fromAnywhere() {
        return new RegistrationPolicy(true, List.of(), null);
    }

    /**
     * This policy, and also any caller that presents {@code secret}.
     *
     * @param secret the secret; null means no secret
     * @return the policy with that secret
     * @throws IllegalArgumentException for an empty secret, which would be a mistake rather than a choice
     */
    public RegistrationPolicy withSecret(String secret) {
        if (secret == null) {
            return new RegistrationPolicy(fromAnywhere, allowed, null);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the Binder's secret must not be empty");
        }
        return new RegistrationPolicy(fromAnywhere, allowed, digest(secret));
    }

    /**
     * Whether a caller at {@code caller} presenting {@code presentedSecret} may register.
     * The address alone is enough when it is allowed, whatever secret comes with it; otherwise the
     * secret must be the Binder's, exactly. A caller whose address is unknown (null) has only the secret.
     *
     * @param caller          the caller's address; null when unknown
     * @param presentedSecret the secret the caller sent; null for none
     * @return true when the registration is admitted
     */
    public boolean admits(InetAddress caller, String presentedSecret) {
        return admitsAddress(caller) || matchesSecret(presentedSecret);
    }

    /**
     * @param caller the caller's address; null when unknown
     * @return whether {@code caller} may register by its address alone
     */
    public boolean admitsAddress(InetAddress caller) {
        if (fromAnywhere) {
            return true;
        }
        for (AddressBlock block : allowed) {
            if (block.contains(caller)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this Binder has a secret and {@code presented} is exactly it; constant time in the secret.
     *
     * @param presented the secret a caller sent; null for none
     * @return true for the Binder's secret
     */
    public boolean matchesSecret(String presented) {
        if (secretDigest == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(presented), secretDigest);
    }

    /** {@return whether a secret is configured} */
    public boolean hasSecret() {
        return secretDigest != null;
    }

    /** {@return whether registration is open to every address} */
    public boolean isFromAnywhere() {
        return fromAnywhere;
    }

    /** {@return whether nobody at all could register: no address is allowed and there is no secret} */
    public boolean admitsNobody() {
        return !fromAnywhere && allowed.isEmpty() && secretDigest == null;
    }

    /**
     * The policy in one phrase for the Binder's log, never the secret.
     *
     * @return {@code registration allowed from 127.0.0.0/8, ::1; with the secret, from anywhere}, or the like
     */
    public String describe() {
        if (fromAnywhere) {
            return "registration allowed from anywhere";
        }
        if (allowed.isEmpty()) {
            return secretDigest == null ? "registration allowed from nowhere" : "registration allowed only with the secret, from anywhere";
        }
        String addresses = allowed.stream().map(AddressBlock::toString).collect(Collectors.joining(", "));
        return "registration allowed from " + addresses + (secretDigest == null ? "" : "; with the secret, from anywhere");
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistrationPolicy that
                && fromAnywhere == that.fromAnywhere
                && allowed.equals(that.allowed)
                && MessageDigest.isEqual(secretDigest, that.secretDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fromAnywhere, allowed, secretDigest != null);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
