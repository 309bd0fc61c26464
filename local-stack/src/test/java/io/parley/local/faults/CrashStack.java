package io.parley.local.faults;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link ProcessStack} the crash scenarios kill services of: started once for all of them (three JVMs take
 * seconds to start), closed when the run ends. Each scenario checks only the negotiations it opened.
 */
public final class CrashStack implements BeforeAllCallback {

    private static volatile ProcessStack stack;

    private record Closing(ProcessStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (CrashStack.class) {
            stack = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(CrashStack.class, k -> new Closing(new ProcessStack("crash")), Closing.class)
                    .stack();
        }
        stack.startWhatIsDown();
    }

    public static ProcessStack get() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test with @ExtendWith(CrashStack.class)");
        }
        return stack;
    }
}
