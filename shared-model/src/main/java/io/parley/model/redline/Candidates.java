package io.parley.model.redline;

import com.google.common.collect.ImmutableList;
import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermValue;
import io.parley.model.term.ValueDomain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The finite set of values tried for one variable when a red line's answer must be decided without it, or when
 * a package of values is searched for. Where a domain is finite it is used whole; elsewhere the values that can
 * change a comparison's answer are kept: the bounds, every constant the red lines compare the variable with, and
 * a value on each side of each constant.
 * <ul>
 *   <li>ENUM: every value. BOOLEAN: {@code false}, {@code true}.</li>
 *   <li>ENUM_SET: every subset when the set has at most {@value #MAX_SET_MEMBERS} values; beyond that, every
 *       subset of the members the red lines mention (up to {@value #MAX_SET_MEMBERS} of them), each with none and
 *       with all of the other members.</li>
 *   <li>INTEGER: {@code min} and {@code max} when declared, each constant {@code c} within the bounds with
 *       {@code c - 1} and {@code c + 1} (a fractional constant gives the integers around it), {@code 0} when
 *       nothing else is known, and {@code UNLIMITED} when the term allows it.</li>
 *   <li>NUMBER: {@code min}, {@code max} and the constants within the bounds, sorted, with the midpoint of each
 *       pair of neighbours, and one below the smallest (above the largest) when no bound stops it; {@code 0}
 *       when nothing else is known.</li>
 *   <li>TEXT: the strings the red lines compare it with (within {@code maxLength}), plus one they do not
 *       mention: {@code ""}, or else {@code "-"} repeated until it is new.</li>
 * </ul>
 * With comparisons of a variable against constants (the red lines people write) these candidates meet every
 * region where the answer can change, so the search is exact; arithmetic between terms is only sampled.
 */
final class Candidates {

    /** Sets with more values than this are not enumerated whole. */
    static final int MAX_SET_MEMBERS = 10;

    /** One value to try: as the API shows it and as CEL reads it. */
    record Candidate(TermValue value, Object cel) {
    }

    private Candidates() {
    }

    /** The candidates for {@code definition}'s values, given the constants red lines compare it with. */
    static List<Candidate> of(TermDefinition definition, Collection<Object> constants) {
        return switch (definition.type()) {
            case ENUM -> definition.values().stream().map(v -> new Candidate(new TermValue.Text(v), v)).toList();
            case BOOLEAN -> List.of(new Candidate(new TermValue.Flag(false), false), new Candidate(new TermValue.Flag(true), true));
            case ENUM_SET -> sets(definition, constants);
            case INTEGER -> integers(definition, constants);
            case NUMBER -> numbers(definition, constants);
            case TEXT -> texts(definition, constants);
            case STRUCT -> throw new IllegalArgumentException("a STRUCT term is searched field by field");
        };
    }

    private static List<Candidate> sets(TermDefinition definition, Collection<Object> constants) {
        List<String> values = definition.values();
        List<String> varying;
        List<String> fixed = new ArrayList<>();
        if (values.size() <= MAX_SET_MEMBERS) {
            varying = values;
        } else {
            varying = new ArrayList<>();
            for (String v : values) {
                if (constants.contains(v) && varying.size() < MAX_SET_MEMBERS) {
                    varying.add(v);
                } else {
                    fixed.add(v);
                }
            }
        }
        List<Candidate> out = new ArrayList<>();
        int n = varying.size();
        // Smallest subsets first: they are what a package usually needs.
        List<Integer> masks = new ArrayList<>();
        for (int mask = 0; mask < (1 << n); mask++) {
            masks.add(mask);
        }
        masks.sort((a, b) -> Integer.bitCount(a) != Integer.bitCount(b) ? Integer.bitCount(a) - Integer.bitCount(b) : a - b);
        for (int withFixed = 0; withFixed < (fixed.isEmpty() ? 1 : 2); withFixed++) {
            for (int mask : masks) {
                List<String> members = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        members.add(varying.get(i));
                    }
                }
                if (withFixed == 1) {
                    members.addAll(fixed);
                }
                TermValue.Members value = new TermValue.Members(members);
                out.add(new Candidate(value, ImmutableList.copyOf(value.values())));
            }
        }
        return out;
    }

    private static List<Candidate> integers(TermDefinition definition, Collection<Object> constants) {
        ValueDomain.IntegerDomain domain = (ValueDomain.IntegerDomain) definition.domain();
        long min = domain.min() == null ? Long.MIN_VALUE : domain.min();
        long max = domain.max() == null ? Long.MAX_VALUE - 1 : domain.max();
        TreeSet<Long> values = new TreeSet<>();
        if (domain.min() != null) {
            values.add(min);
        }
        if (domain.max() != null) {
            values.add(max);
        }
        for (Object c : constants) {
            if (c instanceof Long l) {
                if (l == Long.MAX_VALUE) {
                    continue;
                }
                addAround(values, l, l, min, max);
            } else if (c instanceof Double d && !d.isNaN() && !d.isInfinite()) {
                BigDecimal exact = new BigDecimal(d);
                addAround(values, clampLong(exact.setScale(0, RoundingMode.FLOOR)), clampLong(exact.setScale(0, RoundingMode.CEILING)), min, max);
            }
        }
        if (values.isEmpty()) {
            values.add(Math.max(min, Math.min(max, 0L)));
        }
        List<Candidate> out = new ArrayList<>();
        values.forEach(v -> out.add(new Candidate(new TermValue.Whole(v), v)));
        if (domain.unlimited()) {
            out.add(new Candidate(new TermValue.Text(ValueDomain.UNLIMITED), Long.MAX_VALUE));
        }
        return out;
    }

    private static void addAround(TreeSet<Long> values, long low, long high, long min, long max) {
        for (long v : new long[]{low - 1, low, high, high + 1}) {
            boolean wrapped = (v == low - 1 && low == Long.MIN_VALUE) || (v == high + 1 && high == Long.MAX_VALUE);
            if (!wrapped && v >= min && v <= max) {
                values.add(v);
            }
        }
    }

    private static long clampLong(BigDecimal v) {
        if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return Long.MAX_VALUE;
        }
        if (v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
            return Long.MIN_VALUE;
        }
        return v.longValueExact();
    }

    private static List<Candidate> numbers(TermDefinition definition, Collection<Object> constants) {
        BigDecimal min = definition.min();
        BigDecimal max = definition.max();
        TreeSet<BigDecimal> points = new TreeSet<>();
        if (min != null) {
            points.add(min);
        }
        if (max != null) {
            points.add(max);
        }
        for (Object c : constants) {
            BigDecimal v = null;
            if (c instanceof Long l && l != Long.MAX_VALUE) {
                v = BigDecimal.valueOf(l);
            } else if (c instanceof Double d && !d.isNaN() && !d.isInfinite()) {
                v = BigDecimal.valueOf(d);
            }
            if (v != null && (min == null || v.compareTo(min) >= 0) && (max == null || v.compareTo(max) <= 0)) {
                points.add(v);
            }
        }
        if (points.isEmpty()) {
            points.add(BigDecimal.ZERO);
        }
        TreeSet<BigDecimal> values = new TreeSet<>(points);
        BigDecimal previous = null;
        for (BigDecimal p : points) {
            if (previous != null) {
                values.add(previous.add(p).divide(BigDecimal.valueOf(2)));
            }
            previous = p;
        }
        if (min == null) {
            values.add(points.first().subtract(BigDecimal.ONE));
        }
        if (max == null) {
            values.add(points.last().add(BigDecimal.ONE));
        }
        List<Candidate> out = new ArrayList<>();
        values.forEach(v -> {
            TermValue.Decimal value = new TermValue.Decimal(v);
            out.add(new Candidate(value, value.value().doubleValue()));
        });
        return out;
    }

    private static List<Candidate> texts(TermDefinition definition, Collection<Object> constants) {
        Integer maxLength = definition.maxLength();
        Set<String> values = new LinkedHashSet<>();
        for (Object c : constants) {
            if (c instanceof String s && (maxLength == null || s.codePointCount(0, s.length()) <= maxLength)) {
                values.add(s);
            }
        }
        String other = "";
        while (values.contains(other)) {
            other = other + "-";
        }
        values.add(other);
        return values.stream().map(v -> new Candidate(new TermValue.Text(v), v)).toList();
    }
}
