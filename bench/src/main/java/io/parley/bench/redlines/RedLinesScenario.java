package io.parley.bench.redlines;

import io.parley.bench.BenchSettings;
import io.parley.bench.Figure;
import io.parley.bench.Report;
import io.parley.bench.Scenario;
import io.parley.model.deal.DealState;
import io.parley.model.redline.AgreementSpace;
import io.parley.model.redline.Analysis;
import io.parley.model.redline.RedLineChecks;
import io.parley.model.redline.RedLineEvaluation;
import io.parley.model.redline.ReferenceRedLines;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * The red-line engine in this JVM, no services: the 12 reference red lines of ukraine-2025
 * ({@link ReferenceRedLines}) evaluated one by one against a fully agreed deal, all of them checked through
 * {@link RedLineChecks#check} (fully agreed, and mid-session with open terms and pending proposals), 100 generated
 * red lines, and the agreement-space analysis ({@link AgreementSpace#analyse}) of the reference table. There is no
 * baseline: nothing underneath evaluates red lines more directly than the compiled CEL programs measured here.
 */
public final class RedLinesScenario implements Scenario {

    @Override
    public String name() {
        return "red-lines";
    }

    @Override
    public String description() {
        return "12 reference red lines evaluated against one deal; the agreement-space analysis of ukraine-2025";
    }

    @Override
    public void run(BenchSettings settings, Report report) {
        long warmUp = settings.quick() ? 1_000_000_000L : 3_000_000_000L;
        long measure = settings.quick() ? 2_000_000_000L : 5_000_000_000L;
        List<ReferenceRedLines.Line> reference = ReferenceRedLines.UKRAINE_2025;

        DealState agreed = Table.ukraineWith(reference).agreeEverything().state();
        RedLineEvaluation twelve = RedLineEvaluation.of(agreed, reference.stream().map(ReferenceRedLines.Line::expression).toList());
        report.add(Figure.of("red-lines.evaluations", twelve.size() * perSecond(twelve::evaluateAll, warmUp, measure),
                "evaluations/s").goal(Figure.Goal.atLeast(100_000)));
        report.add(Figure.of("red-lines.deal-checks",
                perSecond(() -> RedLineChecks.check(agreed).size(), warmUp, measure), "checks/s"));

        // Open terms and two pending proposals: the checks then decide exactly over candidates and look for risk.
        Table mid = Table.ukraineWith(reference);
        mid.agree("nato_membership", "\"PAUSED\"");
        mid.agree("security_guarantee", "{\"kind\": \"MULTILATERAL\", \"compensation_required\": false, \"void_conditions\": \"\"}");
        mid.propose("UA", "army_cap", "\"UNLIMITED\"");
        mid.propose("RU", "foreign_troops", "[\"NONE\"]");
        DealState midSession = mid.state();
        report.add(Figure.of("red-lines.deal-checks.mid-session",
                perSecond(() -> RedLineChecks.check(midSession).size(), warmUp, measure), "checks/s"));

        // A heavier table: 100 generated red lines, spread over the four parties.
        List<String> generated = GeneratedRedLines.generate(List.copyOf(agreed.terms().values()), 100, new Random(2025));
        RedLineEvaluation hundred = RedLineEvaluation.of(agreed, generated);
        report.add(Figure.of("red-lines.generated-100.evaluations",
                hundred.size() * perSecond(hundred::evaluateAll, warmUp, measure), "evaluations/s"));

        int runs = settings.pick(21, 101);
        DealState open = Table.ukraineWith(reference).state();
        Analysis infeasible = AgreementSpace.analyse(open, null);
        double[] millis = timeRuns(() -> AgreementSpace.analyse(open, null).feasible() ? 1 : 0, warmUp, runs);
        report.add(Figure.of("red-lines.analysis.p50", millis[runs / 2], "ms"));
        report.add(Figure.of("red-lines.analysis.max", millis[runs - 1], "ms"));

        DealState feasible = Table.ukraineWith(reference.stream().filter(l -> !l.id().equals("ua-nato")).toList()).state();
        Analysis found = AgreementSpace.analyse(feasible, null);
        double[] feasibleMillis = timeRuns(() -> AgreementSpace.analyse(feasible, null).feasible() ? 1 : 0, warmUp, runs);
        report.add(Figure.of("red-lines.analysis.feasible.p50", feasibleMillis[runs / 2], "ms"));

        report.note(name(), String.format(Locale.ROOT, "analysis over %d runs after %.0f s of warm-up: with all 12 "
                        + "(feasible %s, conflict %s); without ua-nato (feasible %s, %s packages); one evaluation = one "
                        + "compiled red line run against the agreed values; a deal check = RedLineChecks.check of all 12",
                runs, warmUp / 1e9, infeasible.feasible(),
                infeasible.conflict() == null ? "none" : infeasible.conflict().stream().map(Analysis.ConflictingRedLine::redLineId).toList(),
                found.feasible(), found.packages()));
    }

    private static volatile int sink;

    /** Calls of {@code work} per second, after {@code warmUpNanos} of the same. */
    private static double perSecond(IntSupplier work, long warmUpNanos, long measureNanos) {
        int acc = 0;
        long end = System.nanoTime() + warmUpNanos;
        while (System.nanoTime() < end) {
            acc += work.getAsInt();
        }
        long calls = 0;
        long start = System.nanoTime();
        end = start + measureNanos;
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                acc += work.getAsInt();
            }
            calls += 100;
            now = System.nanoTime();
        } while (now < end);
        sink = acc;
        return calls / ((now - start) / 1e9);
    }

    /** {@code runs} timings of {@code work} in milliseconds, sorted, after {@code warmUpNanos} of the same. */
    private static double[] timeRuns(IntSupplier work, long warmUpNanos, int runs) {
        int acc = 0;
        long end = System.nanoTime() + warmUpNanos;
        while (System.nanoTime() < end) {
            acc += work.getAsInt();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            acc += work.getAsInt();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        sink = acc;
        Arrays.sort(millis);
        return millis;
    }
}
