package io.parley.model.redline;

import io.parley.model.deal.DealState;
import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * How fast red lines are checked and the agreement space analysed, on ukraine-2025. Prints one figure per line:
 * {@code name value unit}. Run after {@code test-compile} with the module's test class path (see docs).
 */
public final class RedLineBenchmark {

    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final long MEASURE_NANOS = 3_000_000_000L;

    private RedLineBenchmark() {
    }

    public static void main(String[] args) {
        Table agreed = agreeEverything(Table.ukraineWith(Table.REFERENCE));
        print("reference_redline_evaluations", evaluationsPerSecond(agreed.state, expressions(Table.REFERENCE)), "evaluations/s");
        print("reference_deal_checks", perSecond(() -> RedLineChecks.check(agreed.state)), "checks/s");

        Table midSession = Table.ukraineWith(Table.REFERENCE);
        midSession.agree("nato_membership", "\"PAUSED\"");
        midSession.agree("security_guarantee",
                "{\"kind\": \"MULTILATERAL\", \"compensation_required\": false, \"void_conditions\": \"\"}");
        midSession.propose("UA", "army_cap", "\"UNLIMITED\"");
        midSession.propose("RU", "foreign_troops", "[\"NONE\"]");
        print("reference_deal_checks_mid_session", perSecond(() -> RedLineChecks.check(midSession.state)), "checks/s");

        List<String> generated = generate(agreed.state.terms().values().stream().toList(), 100, new Random(2025));
        Table hundred = Table.ukraine();
        for (int i = 0; i < generated.size(); i++) {
            hundred.declare("g" + i, Table.PARTIES.get(i % 4), generated.get(i));
        }
        hundred = agreeEverything(hundred);
        print("generated_100_redline_evaluations", evaluationsPerSecond(hundred.state, generated), "evaluations/s");
        Table checked = hundred;
        print("generated_100_deal_checks", perSecond(() -> RedLineChecks.check(checked.state)), "checks/s");

        print("analyse_reference_p50", p50Millis(() -> AgreementSpace.analyse(Table.ukraineWith(Table.REFERENCE).state, null)), "ms");
        List<Table.Line> compatible = Table.REFERENCE.stream().filter(l -> !l.id().equals("ua-nato")).toList();
        DealState feasible = Table.ukraineWith(compatible).state;
        print("analyse_reference_without_ua_nato_p50", p50Millis(() -> AgreementSpace.analyse(feasible, null)), "ms");
    }

    private static void print(String name, double value, String unit) {
        System.out.println(name + " " + (unit.equals("ms") ? String.format("%.1f", value) : String.valueOf(Math.round(value))) + " " + unit);
    }

    private static List<String> expressions(List<Table.Line> lines) {
        return lines.stream().map(Table.Line::expression).toList();
    }

    /** Single red-line evaluations per second: compiled programs against one prepared deal. */
    private static double evaluationsPerSecond(DealState state, List<String> expressions) {
        RedLineLanguage language = RedLineLanguage.of(List.copyOf(state.terms().values()));
        List<CelRedLine> lines = expressions.stream().map(language::compiled).toList();
        DealSchema schema = language.schema();
        DealValue deal = schema.deal(Exact.agreedSlots(schema, state));
        Runnable round = () -> {
            for (CelRedLine line : lines) {
                if (!(line.evaluate(deal, List.of()) instanceof CelRedLine.Decided)) {
                    throw new IllegalStateException("undecided on a fully agreed deal: " + line);
                }
            }
        };
        return perSecond(round::run) * lines.size();
    }

    private static double perSecond(Supplier<?> work) {
        return perSecond((Runnable) work::get);
    }

    private static double perSecond(Runnable work) {
        long end = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < end) {
            work.run();
        }
        long rounds = 0;
        long start = System.nanoTime();
        end = start + MEASURE_NANOS;
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                work.run();
            }
            rounds += 100;
            now = System.nanoTime();
        } while (now < end);
        return rounds / ((now - start) / 1e9);
    }

    private static double p50Millis(Supplier<?> work) {
        for (int i = 0; i < 10; i++) {
            work.get();
        }
        double[] millis = new double[21];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            work.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    /** Agrees a value for every term still open. */
    private static Table agreeEverything(Table table) {
        table.agree("nato_membership", "\"PAUSED\"");
        table.agree("eu_membership", "\"PURSUE\"");
        table.agree("security_guarantee",
                "{\"kind\": \"EUROPEAN_COALITION\", \"compensation_required\": true, \"void_conditions\": \"renewed attack\"}");
        table.agree("aid_excluded", "[\"INTERMEDIATE_RANGE_MISSILES\", \"LONG_RANGE_MUNITIONS\"]");
        table.agree("nuclear_deterrent", "\"PROHIBITED\"");
        table.agree("sanctions_relief", "{\"level\": \"PHASED\", \"sectors\": [\"ENERGY\", \"TRADE\"]}");
        table.agree("strike_limits_km", "300");
        table.agree("troop_limits_km", "50");
        table.agree("foreign_troops", "[\"EUROPEAN_REASSURANCE_FORCE\"]");
        table.agree("army_cap", "800000");
        table.agree("defense_spending_pct_gdp", "4.5");
        table.agree("us_role_in_europe_talks", "\"YES\"");
        table.agree("nato_written_limit", "false");
        table.agree("territory", "\"the line of contact\"");
        return table;
    }

    /** Plausible red lines: one to three comparisons over random terms, joined by && or ||. */
    static List<String> generate(List<TermDefinition> terms, int count, Random random) {
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            int atoms = 1 + random.nextInt(3);
            StringBuilder e = new StringBuilder();
            for (int a = 0; a < atoms; a++) {
                if (a > 0) {
                    e.append(random.nextBoolean() ? " && " : " || ");
                }
                TermDefinition term = terms.get(random.nextInt(terms.size()));
                String path = "deal." + term.id();
                if (term.type() == TermType.STRUCT) {
                    TermDefinition field = term.fields().get(random.nextInt(term.fields().size()));
                    path += "." + field.id();
                    term = field;
                }
                e.append(atom(path, term, random));
            }
            out.add(e.toString());
        }
        return out;
    }

    private static String atom(String path, TermDefinition term, Random random) {
        return switch (term.type()) {
            case ENUM -> {
                String v = term.values().get(random.nextInt(term.values().size()));
                yield switch (random.nextInt(3)) {
                    case 0 -> path + " == '" + v + "'";
                    case 1 -> path + " != '" + v + "'";
                    default -> path + " in ['" + v + "', '" + term.values().get(0) + "']";
                };
            }
            case ENUM_SET -> {
                String v = term.values().get(random.nextInt(term.values().size()));
                yield switch (random.nextInt(4)) {
                    case 0 -> "'" + v + "' in " + path;
                    case 1 -> "!('" + v + "' in " + path + ")";
                    case 2 -> "size(" + path + ") <= " + random.nextInt(term.values().size());
                    default -> path + ".all(x, x != '" + v + "')";
                };
            }
            case INTEGER -> {
                long max = term.max() == null ? 1000 : term.max().longValue();
                long c = (long) (random.nextDouble() * max);
                yield switch (random.nextInt(3)) {
                    case 0 -> path + " <= " + c;
                    case 1 -> path + " >= " + c;
                    default -> term.isUnlimitedAllowed() ? "(" + path + " == UNLIMITED || " + path + " > " + c + ")" : path + " != " + c;
                };
            }
            case NUMBER -> path + (random.nextBoolean() ? " >= " : " < ") + (random.nextInt(200) / 10.0);
            case BOOLEAN -> random.nextBoolean() ? path : "!" + path;
            case TEXT -> random.nextBoolean() ? "size(" + path + ") < " + (10 + random.nextInt(100)) : path + " != ''";
            case STRUCT -> throw new IllegalArgumentException("fields are chosen above");
        };
    }
}
