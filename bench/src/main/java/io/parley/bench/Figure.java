package io.parley.bench;

import java.util.Locale;

/**
 * One measured figure, with the baseline it is compared against when it has one (the raw limit of the part
 * underneath, measured in the same run) and the goal it is held to. {@code ratio} is always value / baseline.
 *
 * @param name         {@code scenario.figure}, e.g. {@code write.rate}
 * @param baselineName what the baseline measured, in a few words
 * @param goal         null when the figure has none
 */
public record Figure(String name, double value, String unit, Double baseline, String baselineName, Goal goal) {

    public static Figure of(String name, double value, String unit) {
        return new Figure(name, value, unit, null, null, null);
    }

    public Figure against(double baselineValue, String what) {
        return new Figure(name, value, unit, baselineValue, what, goal);
    }

    public Figure goal(Goal g) {
        return new Figure(name, value, unit, baseline, baselineName, g);
    }

    public Double ratio() {
        return baseline == null || baseline == 0 ? null : value / baseline;
    }

    /** Null when there is no goal, else whether it is met. */
    public Boolean met() {
        if (goal == null) {
            return null;
        }
        double measured = goal.onRatio() ? (ratio() == null ? Double.NaN : ratio()) : value;
        return goal.atLeast() ? measured >= goal.limit() : measured <= goal.limit();
    }

    /** Goals of the benchmark: a bound on the value, or on the ratio to the baseline. */
    public record Goal(boolean onRatio, boolean atLeast, double limit) {

        public static Goal atLeast(double limit) {
            return new Goal(false, true, limit);
        }

        public static Goal atMost(double limit) {
            return new Goal(false, false, limit);
        }

        public static Goal ratioAtLeast(double limit) {
            return new Goal(true, true, limit);
        }

        public static Goal ratioAtMost(double limit) {
            return new Goal(true, false, limit);
        }

        @Override
        public String toString() {
            return (onRatio ? "ratio " : "") + (atLeast ? ">= " : "<= ") + format(limit);
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double abs = Math.abs(v);
        if (abs >= 1000 || v == Math.rint(v) && abs >= 10) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
