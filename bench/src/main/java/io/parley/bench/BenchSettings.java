package io.parley.bench;

import java.nio.file.Path;

/**
 * How this run is set up. {@code quick} scales every scenario down so that the whole run takes under two minutes
 * (a smoke check: the figures are printed, they mean little); the full run is what the results table records.
 *
 * @param quick    scaled down
 * @param database where the services keep their data
 * @param workDir  scratch space for this run (broker logs, the embedded PostgreSQL's data), removed at the end
 */
public record BenchSettings(boolean quick, BenchDatabase.Kind database, Path workDir) {

    /** {@code full} in a full run, {@code quick} in a quick one: for sizes that differ. */
    public int pick(int quickValue, int fullValue) {
        return quick ? quickValue : fullValue;
    }
}
