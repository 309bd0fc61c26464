package io.parley.local.faults;

import io.parley.local.e2e.TestStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * The system the fault scenarios break: a real KRaft broker on a port fixed for the whole run (so that it can be
 * stopped and started again where the services expect it, on the same log directory), command-service and
 * query-service in jwt mode trusting the test run's key, on random HTTP ports. Kept apart from the end-to-end
 * stack: a broker outage here must not fail anyone else's test. Started once for the fault scenarios, stopped when
 * the run ends.
 */
public final class FaultStack implements BeforeAllCallback {

    private static volatile TestStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The load comes from a handful of test accounts far faster than any person types.
        stack = TestStack.shared(context, FaultStack.class, () -> new TestStack("faults",
                Map.of("PARLEY_WRITE_RATE_PER_MINUTE", "1000000", "PARLEY_WRITE_BURST", "100000")));
    }

    public static TestStack get() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test with @ExtendWith(FaultStack.class)");
        }
        return stack;
    }
}
