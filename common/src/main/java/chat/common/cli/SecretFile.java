package chat.common.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A secret read from the first line of a file, as every program's {@code --...-secret-file} option reads
 * it: surrounding spaces removed, at most {@value #MAX_LENGTH} characters read (a longer first line is a
 * file named by mistake). Messages name the file and the option, never any of the file's text.
 */
public final class SecretFile {
    /** A longer first line is refused. */
    public static final int MAX_LENGTH = 4096;

    private SecretFile() {
    }

    /**
     * The secret on the first line of {@code file}.
     *
     * @param file   the file holding the secret
     * @param option the option that named the file, for messages ("--secret-file")
     * @return the first line, surrounding spaces removed
     * @throws IllegalArgumentException when the file cannot be read, or its first line is empty or too long
     */
    public static String firstLine(Path file, String option) {
        StringBuilder line = new StringBuilder();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int c = in.read(); c != -1 && c != '\n' && line.length() <= MAX_LENGTH; c = in.read()) {
                line.append((char) c);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + ": " + readProblem(e));
        }
        if (line.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(option + ": the first line of " + file + " is longer than " + MAX_LENGTH
                    + " characters; write only the secret on it");
        }
        String secret = line.toString().strip();
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(option + ": the first line of " + file + " is empty; write the secret"
                    + " on it");
        }
        return secret;
    }

    /** Only the kind of problem: a decoding error's message could quote part of the file. */
    private static String readProblem(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getClass().getSimpleName();
    }
}
