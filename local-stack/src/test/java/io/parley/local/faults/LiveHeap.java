package io.parley.local.faults;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap that is still reachable, measured as the heap used right after a full collection. The services run in
 * this JVM, so this is their memory (with the broker's and the test's own). Objects in flight at that moment (requests,
 * batches) add noise, so the smallest of a few collections counts. Each collection pauses everything for a moment,
 * which shows in the latencies of the requests that were waiting.
 */
final class LiveHeap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private LiveHeap() {
    }

    /** Bytes of live heap: the smallest used heap after each of three full collections. */
    static long measure() {
        long smallest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            smallest = Math.min(smallest, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return smallest;
    }

    /** For finding what grows: the live objects by class, written to {@code dir}/histogram-{@code n}.txt. */
    static void histogramTo(String dir, int n) {
        if (dir == null) {
            return;
        }
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "histogram-" + n + ".txt"), (String) text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }
}
