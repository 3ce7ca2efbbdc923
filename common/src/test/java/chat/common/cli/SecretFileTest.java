package chat.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    private String refusal(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> SecretFile.firstLine(file, "--secret-file"))
                .getMessage();
    }

    @Test
    void givesTheFirstLineWithoutSurroundingSpaces() throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "  segredo-ação \r\nsecond line\n", StandardCharsets.UTF_8);

        assertEquals("segredo-ação", SecretFile.firstLine(file, "--secret-file"));
    }

    @Test
    void refusesAMissingOrEmptyFileNamingTheOption() throws IOException {
        Path missing = dir.resolve("missing");
        assertEquals("--secret-file: cannot read " + missing + ": no such file", refusal(missing));

        Path empty = dir.resolve("empty");
        Files.writeString(empty, " \nthe secret on the second line\n");
        String message = refusal(empty);
        assertEquals("--secret-file: the first line of " + empty + " is empty; write the secret on it", message);
        assertFalse(message.contains("second line"), message);
    }

    @Test
    void refusesALongFirstLineOrBytesThatAreNotUtf8WithoutQuotingThem() throws IOException {
        Path huge = dir.resolve("huge");
        Files.writeString(huge, "s".repeat(SecretFile.MAX_LENGTH + 1));
        String message = refusal(huge);
        assertTrue(message.contains("longer than 4096 characters"), message);
        assertFalse(message.contains("sss"), message);

        Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] {'a', 'b', (byte) 0xC3, (byte) 0x28, 'z'});
        message = refusal(binary);
        assertEquals("--secret-file: cannot read " + binary + ": not UTF-8 text", message);
    }

    @Test
    void aFirstLineOfExactlyTheLimitIsAccepted() throws IOException {
        Path file = dir.resolve("limit");
        Files.writeString(file, "k".repeat(SecretFile.MAX_LENGTH) + "\n");

        assertEquals(SecretFile.MAX_LENGTH, SecretFile.firstLine(file, "--secret-file").length());
    }
}
