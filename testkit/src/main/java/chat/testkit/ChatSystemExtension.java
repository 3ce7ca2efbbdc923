package chat.testkit;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link ChatTest}: resolves a parameter of type {@link ChatSystem} with a system
 * started as the annotation says, kept in the {@link ExtensionContext} store of the test (or of the class, for
 * {@link ChatTest#perClass()}) and closed when that context ends. Holds no state of its own, so tests may run in
 * parallel. A test that asks for a Python peer on a machine without python3 ({@link PythonUnavailableException}) is
 * skipped with the exception's message. Register it with {@code @ChatTest}, or {@code @ExtendWith(ChatSystemExtension.class)} for the defaults
 * (one standalone server per test).
 */
public final class ChatSystemExtension implements ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChatSystemExtension.class);

    /** Made by JUnit. */
    public ChatSystemExtension() {
    }

    /** Whether the parameter is a {@link ChatSystem}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChatSystem.class;
    }

    /** The test's (or the class's) system, started on first use. */
    @Override
    public ChatSystem resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<ChatTest> settings = settings(context);
        boolean perClass = settings.map(ChatTest::perClass).orElse(false);
        ExtensionContext owner = perClass ? classContext(context) : context;
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(ChatSystem.class, key -> new Started(start(settings)),
                Started.class).system();
    }

    /** A missing python3 skips the test; anything else fails it as usual. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw skippedWithoutPython(thrown);
    }

    /** As {@link #handleTestExecutionException}, for a {@code @BeforeAll} method. */
    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw skippedWithoutPython(thrown);
    }

    /** As {@link #handleTestExecutionException}, for a {@code @BeforeEach} method. */
    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw skippedWithoutPython(thrown);
    }

    private static Throwable skippedWithoutPython(Throwable thrown) {
        if (thrown instanceof PythonUnavailableException missing) {
            Assumptions.abort(missing.getMessage() + ": the test is skipped");
        }
        return thrown;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext at = context;
        while (at.getTestMethod().isPresent() && at.getParent().isPresent()) {
            at = at.getParent().get();
        }
        return at;
    }

    /** The method's {@link ChatTest}, else its class's (or an enclosing class's). */
    private static Optional<ChatTest> settings(ExtensionContext context) {
        Optional<ChatTest> onMethod = context.getTestMethod().flatMap(method -> find(method));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Optional<Class<?>> type = context.getTestClass(); type.isPresent();
             type = Optional.ofNullable(type.get().getEnclosingClass())) {
            Optional<ChatTest> onClass = find(type.get());
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    private static Optional<ChatTest> find(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, ChatTest.class);
    }

    private static ChatSystem start(Optional<ChatTest> settings) {
        ChatSystem.Builder builder = ChatSystem.builder();
        settings.ifPresent(chat -> {
            builder.servers(chat.servers());
            if (chat.shared()) {
                builder.shared();
            }
        });
        return builder.build();
    }

    /** A system in a store: JUnit closes it when the store's context ends. */
    private record Started(ChatSystem system) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            system.close();
        }
    }
}
