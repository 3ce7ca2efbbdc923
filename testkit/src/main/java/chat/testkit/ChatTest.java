package chat.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test class, or test method, that is handed a started {@link ChatSystem}: declare a parameter of that
 * type (test method, {@code @BeforeEach}, or, with {@link #perClass()}, {@code @BeforeAll} or the constructor).
 * The system is closed after the test (or after the class). On a method, it overrides the class's settings.
 *
 * <pre>{@code
 * @ChatTest(servers = 2, shared = true)
 * class FailoverTest {
 *     @Test
 *     void aUserGoesOnWhenItsServerDies(ChatSystem chat) { ... }
 * }
 * }</pre>
 *
 * <p>Each test gets its own system on its own ports, kept in the test's {@code ExtensionContext} store: tests may
 * run in parallel.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ChatSystemExtension.class)
public @interface ChatTest {
    /** {@return how many chat servers to start} */
    int servers() default 1;

    /** {@return whether the servers share one chat ({@link ChatSystem.Builder#shared()}); else each keeps its own} */
    boolean shared() default false;

    /**
     * {@return whether one system serves every test of the class (started at the first that asks, closed after the
     * last), rather than one each}
     */
    boolean perClass() default false;
}
