package io.parley.model.redline;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermType;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a type-checked red line reads, what it costs, and whether its enum literals exist. One walk over the AST:
 * <ul>
 *   <li>the variables it reads ({@code deal.term}, {@code deal.term.field}); the deal itself, or a STRUCT term as
 *       a whole, cannot be used otherwise (compared, passed to a function), so what a red line reads is known;</li>
 *   <li>literals compared with an ENUM term or sought in an ENUM_SET term that are not among the term's values
 *       ({@code deal.nato_membership == 'JOIN'}, {@code 'TANKS' in deal.aid_excluded}, also through the variable of
 *       a macro over a set: {@code deal.aid_excluded.exists(x, x == 'TANKS')});</li>
 *   <li>its size in AST nodes and a bound on its evaluation steps: a comprehension costs its body times the
 *       size of what it iterates (known for literals and set terms, else the runtime's iteration limit);</li>
 *   <li>per variable, the constants it is compared with, from which the finite search draws candidate values.</li>
 * </ul>
 */
final class ExpressionAnalysis {

    /** A problem tied to one AST node (its id gives the line and column). */
    record Problem(long exprId, String message) {
    }

    private static final String DEAL = "deal";
    private static final Set<String> COMPARISONS = Set.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "@in");

    private final DealSchema schema;
    private final CelAbstractSyntaxTree ast;
    private final int maxIterations;

    final List<Problem> problems = new ArrayList<>();
    final BitSet variablesRead = new BitSet();
    final Map<Integer, Set<Object>> constants = new HashMap<>();
    long nodes;
    long cost;

    /** What a name stands for inside the expression: the deal, an iteration variable over a set term, or else. */
    private sealed interface Binding {
    }

    private record Shadowed() implements Binding {
    }

    private record MemberOf(TermDefinition set, String path) implements Binding {
    }

    /** A read of the deal: a variable, or a whole STRUCT term ({@code variable == null}). */
    private record Ref(int termIndex, DealSchema.Variable variable) {
    }

    private ExpressionAnalysis(DealSchema schema, CelAbstractSyntaxTree ast, int maxIterations) {
        this.schema = schema;
        this.ast = ast;
        this.maxIterations = maxIterations;
    }

    static ExpressionAnalysis of(DealSchema schema, CelAbstractSyntaxTree ast, int maxIterations) {
        ExpressionAnalysis analysis = new ExpressionAnalysis(schema, ast, maxIterations);
        analysis.cost = analysis.walk(ast.getExpr(), Map.of());
        return analysis;
    }

    /** Visits {@code e}, returning its cost bound in evaluation steps. */
    private long walk(CelExpr e, Map<String, Binding> scope) {
        nodes++;
        switch (e.getKind()) {
            case CONSTANT, NOT_SET:
                return 1;
            case IDENT: {
                String name = e.ident().name();
                if (DEAL.equals(name) && !scope.containsKey(DEAL)) {
                    // Verdicts need to know which terms are read: the deal itself cannot be passed around whole.
                    problems.add(new Problem(e.id(), "the deal is read term by term, as deal.<term>; terms are "
                            + schema.terms().stream().map(t -> t.id()).toList()));
                }
                return 1;
            }
            case SELECT: {
                Ref ref = ref(e, scope);
                if (ref != null) {
                    if (ref.variable() == null && !e.select().testOnly()) {
                        TermDefinition term = schema.terms().get(ref.termIndex());
                        problems.add(new Problem(e.id(), term.id() + " is read field by field, as deal." + term.id()
                                + ".<field>; its fields are " + term.fields().stream().map(f -> f.id()).toList()));
                    }
                    markRead(ref);
                    boolean field = ref.variable() != null && ref.variable().field() != null;
                    nodes += field ? 2 : 1;
                    return ref.variable() == null || ref.variable().field() == null ? 2 : 3;
                }
                return 1 + walk(e.select().operand(), scope);
            }
            case CALL:
                return walkCall(e, scope);
            case LIST: {
                long c = 1;
                for (CelExpr item : e.list().elements()) {
                    c = add(c, walk(item, scope));
                }
                return c;
            }
            case MAP: {
                long c = 1;
                for (CelExpr.CelMap.Entry entry : e.map().entries()) {
                    c = add(c, add(walk(entry.key(), scope), walk(entry.value(), scope)));
                }
                return c;
            }
            case STRUCT: {
                problems.add(new Problem(e.id(), "building a message (" + e.struct().messageName()
                        + "{...}) is not part of the red-line language; read the deal's terms as deal.<term>"));
                long c = 1;
                for (CelExpr.CelStruct.Entry entry : e.struct().entries()) {
                    c = add(c, walk(entry.value(), scope));
                }
                return c;
            }
            case COMPREHENSION:
                return walkComprehension(e, scope);
            default:
                return 1;
        }
    }

    private long walkCall(CelExpr e, Map<String, Binding> scope) {
        CelExpr.CelCall call = e.call();
        long c = 1;
        if (call.target().isPresent()) {
            c = add(c, walk(call.target().get(), scope));
        }
        for (CelExpr arg : call.args()) {
            c = add(c, walk(arg, scope));
        }
        if (COMPARISONS.contains(call.function()) && call.args().size() == 2) {
            CelExpr left = call.args().get(0);
            CelExpr right = call.args().get(1);
            if (call.function().equals("@in")) {
                checkIn(left, right, scope);
            } else {
                checkCompared(left, right, scope);
                checkCompared(right, left, scope);
            }
            collectConstants(e, scope);
        }
        return c;
    }

    private long walkComprehension(CelExpr e, Map<String, Binding> scope) {
        CelExpr.CelComprehension comp = e.comprehension();
        long range = walk(comp.iterRange(), scope);
        long init = walk(comp.accuInit(), scope);
        Map<String, Binding> inner = new HashMap<>(scope);
        Ref over = ref(comp.iterRange(), scope);
        Binding iter = over != null && over.variable() != null
                && over.variable().definition().type() == TermType.ENUM_SET
                ? new MemberOf(over.variable().definition(), over.variable().path()) : new Shadowed();
        inner.put(comp.iterVar(), iter);
        if (comp.iterVar2() != null && !comp.iterVar2().isEmpty()) {
            inner.put(comp.iterVar2(), new Shadowed());
        }
        inner.put(comp.accuVar(), new Shadowed());
        long body = add(walk(comp.loopCondition(), inner), walk(comp.loopStep(), inner));
        long result = walk(comp.result(), inner);
        return add(add(add(range, init), multiply(sizeBound(comp.iterRange(), scope), body)), add(result, 1));
    }

    /** An upper bound on the number of elements {@code e} can have when iterated. */
    private long sizeBound(CelExpr e, Map<String, Binding> scope) {
        switch (e.getKind()) {
            case LIST:
                return e.list().elements().size();
            case MAP:
                return e.map().entries().size();
            case SELECT: {
                Ref ref = ref(e, scope);
                if (ref != null && ref.variable() != null && ref.variable().definition().type() == TermType.ENUM_SET) {
                    return ref.variable().definition().values().size();
                }
                return maxIterations;
            }
            case CALL: {
                CelExpr.CelCall call = e.call();
                if (call.function().equals("_+_") && call.args().size() == 2 && isList(e)) {
                    return Math.min(maxIterations, sizeBound(call.args().get(0), scope) + sizeBound(call.args().get(1), scope));
                }
                if (call.function().equals("_?_:_") && call.args().size() == 3) {
                    return Math.max(sizeBound(call.args().get(1), scope), sizeBound(call.args().get(2), scope));
                }
                return maxIterations;
            }
            case COMPREHENSION:
                // map() and filter() give at most one element per element iterated.
                return isList(e) ? sizeBound(e.comprehension().iterRange(), scope) : maxIterations;
            default:
                return maxIterations;
        }
    }

    private boolean isList(CelExpr e) {
        CelType type = ast.getType(e.id()).orElse(null);
        return type != null && type.kind() == CelKind.LIST;
    }

    /** {@code deal.term} or {@code deal.term.field}, when {@code deal} is not shadowed by a macro variable. */
    private Ref ref(CelExpr e, Map<String, Binding> scope) {
        if (e.getKind() != CelExpr.ExprKind.Kind.SELECT) {
            return null;
        }
        CelExpr.CelSelect select = e.select();
        CelExpr operand = select.operand();
        if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT && DEAL.equals(operand.ident().name()) && !scope.containsKey(DEAL)) {
            Integer t = schema.termIndex(select.field());
            if (t == null) {
                return null;
            }
            List<DealSchema.Variable> own = schema.variablesOf(t);
            return schema.terms().get(t).type() == TermType.STRUCT ? new Ref(t, null) : new Ref(t, own.get(0));
        }
        Ref parent = ref(operand, scope);
        if (parent != null && parent.variable() == null) {
            DealSchema.Variable v = schema.variable(schema.terms().get(parent.termIndex()).id() + "." + select.field());
            return v == null ? null : new Ref(parent.termIndex(), v);
        }
        return null;
    }

    private void markRead(Ref ref) {
        if (ref.variable() != null) {
            variablesRead.set(ref.variable().index());
        } else {
            schema.variablesOf(ref.termIndex()).forEach(v -> variablesRead.set(v.index()));
        }
    }

    /** {@code subject == literal} (or {@code !=}, {@code <}, ...): the literal must be a value of the subject's term. */
    private void checkCompared(CelExpr subject, CelExpr other, Map<String, Binding> scope) {
        TermDefinition enumTerm = enumOf(subject, scope);
        if (enumTerm != null) {
            checkLiteral(other, enumTerm, label(subject, scope));
            return;
        }
        Ref ref = ref(subject, scope);
        if (ref != null && ref.variable() != null && ref.variable().definition().type() == TermType.ENUM_SET
                && other.getKind() == CelExpr.ExprKind.Kind.LIST) {
            other.list().elements().forEach(item -> checkLiteral(item, ref.variable().definition(), ref.variable().path()));
        }
    }

    /** {@code literal in deal.set}, or {@code deal.enum in [literals]}. */
    private void checkIn(CelExpr element, CelExpr collection, Map<String, Binding> scope) {
        Ref ref = ref(collection, scope);
        if (ref != null && ref.variable() != null && ref.variable().definition().type() == TermType.ENUM_SET) {
            checkLiteral(element, ref.variable().definition(), ref.variable().path());
            return;
        }
        TermDefinition enumTerm = enumOf(element, scope);
        if (enumTerm != null && collection.getKind() == CelExpr.ExprKind.Kind.LIST) {
            collection.list().elements().forEach(item -> checkLiteral(item, enumTerm, label(element, scope)));
        }
    }

    /** The term whose values {@code e} takes one of: an ENUM term or field, or a macro variable over a set. */
    private TermDefinition enumOf(CelExpr e, Map<String, Binding> scope) {
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT && scope.get(e.ident().name()) instanceof MemberOf m) {
            return m.set();
        }
        Ref ref = ref(e, scope);
        if (ref != null && ref.variable() != null && ref.variable().definition().type() == TermType.ENUM) {
            return ref.variable().definition();
        }
        return null;
    }

    private String label(CelExpr e, Map<String, Binding> scope) {
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT && scope.get(e.ident().name()) instanceof MemberOf m) {
            return "a member of " + m.path();
        }
        Ref ref = ref(e, scope);
        return ref == null || ref.variable() == null ? "the term" : ref.variable().path();
    }

    private void checkLiteral(CelExpr literal, TermDefinition term, String label) {
        if (literal.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || literal.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
            return;
        }
        String value = literal.constant().stringValue();
        if (!term.values().contains(value)) {
            problems.add(new Problem(literal.id(), "'" + value + "' is not a value of " + label
                    + "; its values are " + term.values()));
        }
    }

    /** Remembers the constants a comparison holds, for every variable it reads. */
    private void collectConstants(CelExpr comparison, Map<String, Binding> scope) {
        Set<Integer> vars = new LinkedHashSet<>();
        Set<Object> found = new LinkedHashSet<>();
        gather(comparison, scope, vars, found);
        if (found.isEmpty()) {
            return;
        }
        for (Integer v : vars) {
            constants.computeIfAbsent(v, k -> new LinkedHashSet<>()).addAll(found);
        }
    }

    private void gather(CelExpr e, Map<String, Binding> scope, Set<Integer> vars, Set<Object> found) {
        switch (e.getKind()) {
            case CONSTANT -> {
                CelConstant k = e.constant();
                switch (k.getKind()) {
                    case INT64_VALUE -> found.add(k.int64Value());
                    case UINT64_VALUE -> found.add(k.uint64Value().longValue());
                    case DOUBLE_VALUE -> found.add(k.doubleValue());
                    case STRING_VALUE -> found.add(k.stringValue());
                    case BOOLEAN_VALUE -> found.add(k.booleanValue());
                    default -> {
                    }
                }
            }
            case IDENT -> {
                if ("UNLIMITED".equals(e.ident().name()) && !scope.containsKey("UNLIMITED")) {
                    found.add(Long.MAX_VALUE);
                }
            }
            case SELECT -> {
                Ref ref = ref(e, scope);
                if (ref != null) {
                    if (ref.variable() != null) {
                        vars.add(ref.variable().index());
                    } else {
                        schema.variablesOf(ref.termIndex()).forEach(v -> vars.add(v.index()));
                    }
                } else {
                    gather(e.select().operand(), scope, vars, found);
                }
            }
            case CALL -> {
                e.call().target().ifPresent(t -> gather(t, scope, vars, found));
                e.call().args().forEach(a -> gather(a, scope, vars, found));
            }
            case LIST -> e.list().elements().forEach(item -> gather(item, scope, vars, found));
            default -> {
            }
        }
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
