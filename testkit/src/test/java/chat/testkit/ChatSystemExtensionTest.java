package chat.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.TestAbortedException;

/** {@link ChatTest} hands each test a started system, as the annotation says, and closes it after. */
@ChatTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatSystemExtensionTest {
    private final List<ChatSystem> handedOut = new ArrayList<>();
    private ChatSystem beforeEach;

    @BeforeEach
    void setUp(ChatSystem chat) {
        beforeEach = chat;
    }

    @Test
    @Order(1)
    void aTestAndItsBeforeEachShareOneSystemOfOneServer(ChatSystem chat) {
        assertSame(beforeEach, chat);
        assertEquals(1, chat.servers().size());
        handedOut.add(chat);
    }

    @Test
    @Order(2)
    void theNextTestHasAnotherAndTheFirstIsClosed(ChatSystem chat) {
        assertNotSame(handedOut.get(0), chat);
        assertThrows(IllegalStateException.class, () -> handedOut.get(0).user("alice"));
        chat.user("alice").register();
    }

    @Test
    @Order(3)
    @ChatTest(servers = 2)
    void aMethodsAnnotationOverridesTheClasss(ChatSystem chat) {
        assertEquals(2, chat.servers().size());
    }

    @Test
    @Order(4)
    void aMissingPythonSkipsTheTestWithItsMessageAndOtherFailuresStayFailures() {
        ChatSystemExtension extension = new ChatSystemExtension();
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> extension
                .handleTestExecutionException(null, new PythonUnavailableException("python3 is not installed")));
        assertEquals("python3 is not installed: the test is skipped", skipped.getMessage());
        AssertionError failure = new AssertionError("expected");
        assertSame(failure, assertThrows(AssertionError.class,
                () -> extension.handleBeforeEachMethodExecutionException(null, failure)));
    }

    /** With {@code perClass}, every test of the class has the same system. */
    @Nested
    @ChatTest(perClass = true)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerClass {
        private ChatSystem first;

        @Test
        @Order(1)
        void registersAName(ChatSystem chat) {
            first = chat;
            chat.user("alice").register();
        }

        @Test
        @Order(2)
        void findsItTakenInTheSameChat(ChatSystem chat) {
            assertSame(first, chat);
            assertThrows(AssertionError.class, () -> chat.user("alice").register());
        }
    }
}
