package io.parley.local.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * The end-to-end tests' {@link TestStack}: started once per test run and shared by every test class that extends
 * with this, stopped when the run ends.
 */
public final class RunningStack implements BeforeAllCallback {

    private static volatile TestStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = TestStack.shared(context, RunningStack.class, () -> new TestStack("e2e", Map.of()));
    }

    public static TestStack get() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test with @ExtendWith(RunningStack.class)");
        }
        return stack;
    }
}
