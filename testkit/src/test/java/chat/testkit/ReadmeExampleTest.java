package chat.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example test is the example project's, word for word, so that the build runs what readers paste. */
class ReadmeExampleTest {
    private static final Path ROOT = Path.of("..");
    private static final String SECTION = "## Testing your own code against the chat";

    @Test
    void theReadmesTestIsTheExampleProjectsTwoUsersTest() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "README.md has a section '" + SECTION + "'");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));

        String example = Files.readString(ROOT.resolve("examples/chat-tests/src/test/java/com/example/chat/TwoUsersTest.java"));
        assertEquals(example, snippet, "the README's test and examples/chat-tests' TwoUsersTest.java differ");
        assertTrue(example.lines().count() <= 20, "short enough to read at a glance: " + example.lines().count() + " lines");
    }
}
