package chat.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Session tokens: {@code <name>.<secret>}, the user's name and 256 bits from {@link SecureRandom}, each in
 * URL-safe Base64 without padding, so a token names its user and fits an HTTP header. The store keeps
 * only a token's SHA-256 {@link #hash}; the secret part is never logged, stored or shown in a fault.
 * Thread-safe.
 */
final class SessionTokens {
    /** 256 random bits: guessing one is hopeless, and a hash of it needs no slow key stretching. */
    static final int SECRET_BYTES = 32;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecureRandom random = new SecureRandom();

    /** A new token for {@code username}. */
    String issue(String username) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return ENCODER.encodeToString(username.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(secret);
    }

    /** What the store keeps of a token: its SHA-256, in URL-safe Base64. */
    static String hash(String token) {
        return ENCODER.encodeToString(digest(token));
    }

    /** Whether {@code token} hashes to {@code storedHash}, compared in constant time. */
    static boolean matches(String token, String storedHash) {
        if (storedHash == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = DECODER.decode(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(token), expected);
    }

    /** The user a token names, or empty when {@code token} is not shaped like one of these tokens. */
    static Optional<String> owner(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            return Optional.empty();
        }
        try {
            DECODER.decode(token.substring(dot + 1));
            return Optional.of(new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
