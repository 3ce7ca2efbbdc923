package chat.server.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short one-way name for something that must not be shown itself (a secret, a machine's id): the first 16 hex
 * digits of SHA-256 over a fixed prefix, which makes the digest of no use elsewhere, and the text.
 */
public final class ShortDigest {
    private ShortDigest() {
    }

    /**
     * @param prefix what the text is hashed with, one per use
     * @param text   what is named
     * @return 16 lower-case hex digits
     */
    public static String of(String prefix, String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((prefix + text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
