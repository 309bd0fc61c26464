package io.parley.bench;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/** Latencies recorded from many threads, read as percentiles in milliseconds. */
public final class Latencies {

    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);

    public void recordNanos(long nanos) {
        recorder.recordValue(Math.max(1, nanos));
    }

    /** Forgets what was recorded so far (the warm-up). */
    public synchronized void reset() {
        recorder.getIntervalHistogram();
        total.reset();
    }

    private synchronized Histogram snapshot() {
        total.add(recorder.getIntervalHistogram());
        return total;
    }

    public double percentileMillis(double percentile) {
        return snapshot().getValueAtPercentile(percentile) / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }

    public double maxMillis() {
        return snapshot().getMaxValue() / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }

    public long count() {
        return snapshot().getTotalCount();
    }
}
