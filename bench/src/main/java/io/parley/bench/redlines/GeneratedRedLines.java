package io.parley.bench.redlines;

import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Plausible red lines over a catalogue: one to three comparisons over random terms, joined by && or ||. */
final class GeneratedRedLines {

    private GeneratedRedLines() {
    }

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
