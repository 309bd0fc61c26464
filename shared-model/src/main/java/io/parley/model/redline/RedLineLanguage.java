package io.parley.model.redline;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelIdentDecl;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import io.parley.model.term.TermDefinition;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The red-line language of one term catalogue: CEL with the deal's terms as typed variables.
 * <p>
 * A red line is a boolean CEL expression over {@code deal}, a struct with one field per term, typed by the term:
 * ENUM and TEXT are {@code string}, ENUM_SET is {@code list(string)}, INTEGER is {@code int} (the constant
 * {@code UNLIMITED} is the largest int, so {@code deal.army_cap == UNLIMITED} and {@code deal.army_cap <= 100000}
 * both read naturally), NUMBER is {@code double} (ints and doubles compare with each other), BOOLEAN is
 * {@code bool}, and a STRUCT term is a nested struct ({@code deal.security_guarantee.kind}). The standard
 * functions and macros ({@code has}, {@code all}, {@code exists}, {@code exists_one}, {@code map},
 * {@code filter}) are available; nothing else.
 * <p>
 * {@link #compile} refuses, with the line and column: syntax errors; unknown terms and fields; type mismatches;
 * results that are not booleans; unknown functions; literals that are not among an ENUM or ENUM_SET term's values;
 * the deal used other than as {@code deal.<term>}, or a STRUCT term other than field by field (so what each red
 * line reads is known); building messages ({@code parley.Deal{...}});
 * nesting deeper than {@value #MAX_NESTING}; more than {@value #MAX_LENGTH} characters, more than
 * {@value #MAX_NODES} AST nodes (after macro expansion), or a worst case above {@value #MAX_COST} evaluation steps
 * (a macro costs its body times the size of what it iterates, at most {@value #MAX_ITERATIONS} elements).
 * <p>
 * Languages are cached per catalogue (at most {@value #CACHED_CATALOGUES}), and each caches its compiled red lines
 * (at most {@value #CACHED_EXPRESSIONS}); compiled red lines are immutable and thread-safe.
 */
public final class RedLineLanguage {

    /** The longest expression CEL is asked to parse (the commands refuse longer ones first). */
    public static final int MAX_LENGTH = 4000;
    /** CEL's parser recursion limit, kept at its safe default: deeper nesting would overflow the stack. */
    public static final int MAX_NESTING = 250;
    /** The largest expression, in AST nodes after macros are expanded. */
    public static final int MAX_NODES = 1000;
    /** The most evaluation steps an expression may take in the worst case. */
    public static final long MAX_COST = 20_000;
    /** The most elements one macro ({@code all}, {@code exists}, ...) may iterate at run time. */
    public static final int MAX_ITERATIONS = 1000;

    private static final int CACHED_CATALOGUES = 64;
    private static final int CACHED_EXPRESSIONS = 1024;
    private static final Map<List<TermDefinition>, RedLineLanguage> LANGUAGES = lru(CACHED_CATALOGUES);

    private final DealSchema schema;
    private final Cel cel;
    private final Map<String, CelRedLine> compiled = lru(CACHED_EXPRESSIONS);

    private RedLineLanguage(List<TermDefinition> terms) {
        this.schema = new DealSchema(terms);
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .maxExpressionCodePointSize(MAX_LENGTH)
                .maxParseRecursionDepth(MAX_NESTING)
                .build();
        this.cel = CelFactory.plannerCelBuilder()
                .setOptions(options)
                .setTypeProvider(schema)
                .addVar("deal", schema.dealType())
                .addDeclarations(CelIdentDecl.celIdentToDecl(CelIdentDecl.newBuilder()
                        .setName("UNLIMITED")
                        .setType(SimpleType.INT)
                        .setConstant(CelConstant.ofValue(Long.MAX_VALUE))
                        .setDoc("the value of an INTEGER term that has no limit")
                        .build()))
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL)
                .build();
    }

    /** The language for a catalogue (built once per distinct catalogue and cached). */
    public static RedLineLanguage of(List<TermDefinition> terms) {
        List<TermDefinition> key = List.copyOf(terms);
        synchronized (LANGUAGES) {
            RedLineLanguage language = LANGUAGES.get(key);
            if (language != null) {
                return language;
            }
        }
        // Built outside the lock: the first build of a catalogue takes a while and others need not wait for it.
        RedLineLanguage built = new RedLineLanguage(key);
        synchronized (LANGUAGES) {
            return LANGUAGES.computeIfAbsent(key, k -> built);
        }
    }

    /**
     * Parses and type-checks {@code expression}.
     *
     * @throws InvalidInput with field {@code expression} and a message saying what is wrong and where
     *                      ({@code line:column}), for syntax errors, unknown terms or fields, type mismatches,
     *                      enum literals outside a term's values, and expressions over the size or cost limits
     */
    public CompiledRedLine compile(String expression) {
        return compiled(expression);
    }

    CelRedLine compiled(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInput("expression", "is required");
        }
        synchronized (compiled) {
            CelRedLine hit = compiled.get(expression);
            if (hit != null) {
                return hit;
            }
        }
        CelRedLine fresh = build(expression);
        synchronized (compiled) {
            return compiled.computeIfAbsent(expression, k -> fresh);
        }
    }

    private CelRedLine build(String expression) {
        CelValidationResult result;
        try {
            result = cel.compile(expression);
        } catch (StackOverflowError e) {
            // The parser's recursion limit should stop this first; never let a request take the thread down.
            throw new InvalidInput("expression", "is nested too deeply (at most " + MAX_NESTING + " levels)");
        }
        if (result.hasError()) {
            throw invalid(result.getErrors(), result);
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw new InvalidInput("expression", e.getMessage());
        }
        ExpressionAnalysis analysis = ExpressionAnalysis.of(schema, ast, MAX_ITERATIONS);
        if (!analysis.problems.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (ExpressionAnalysis.Problem p : analysis.problems) {
                errors.add(new FieldError("expression", at(ast, p.exprId()) + p.message()));
            }
            throw new InvalidInput(errors);
        }
        if (analysis.nodes > MAX_NODES) {
            throw new InvalidInput("expression", "1:1: is too large: " + analysis.nodes + " nodes once macros are expanded, at most "
                    + MAX_NODES);
        }
        if (analysis.cost > MAX_COST) {
            throw new InvalidInput("expression", "1:1: may cost too much to evaluate: up to "
                    + (analysis.cost == Long.MAX_VALUE ? "unbounded" : String.valueOf(analysis.cost))
                    + " steps, at most " + MAX_COST + " (nested macros multiply: each iterates up to "
                    + MAX_ITERATIONS + " elements)");
        }
        try {
            boolean[] mask = new boolean[schema.terms().size()];
            BitSet read = analysis.variablesRead;
            for (int v = read.nextSetBit(0); v >= 0; v = read.nextSetBit(v + 1)) {
                mask[schema.variables().get(v).termIndex()] = true;
            }
            Set<String> terms = new LinkedHashSet<>();
            for (int t = 0; t < mask.length; t++) {
                if (mask[t]) {
                    terms.add(schema.terms().get(t).id());
                }
            }
            Map<Integer, Set<Object>> constants = new LinkedHashMap<>();
            analysis.constants.forEach((k, v) -> constants.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
            return new CelRedLine(schema, expression, cel.createProgram(ast), Collections.unmodifiableSet(terms),
                    (BitSet) read.clone(), Collections.unmodifiableMap(constants));
        } catch (CelEvaluationException e) {
            throw new InvalidInput("expression", "cannot be prepared for evaluation: " + e.getMessage());
        }
    }

    private static InvalidInput invalid(List<CelIssue> issues, CelValidationResult result) {
        List<FieldError> errors = new ArrayList<>();
        for (CelIssue issue : issues) {
            errors.add(new FieldError("expression", where(issue.getSourceLocation()) + issue.getMessage()));
        }
        if (errors.isEmpty()) {
            errors.add(new FieldError("expression", result.getErrorString()));
        }
        return new InvalidInput(errors);
    }

    /** {@code line:column: } (both from 1), as CEL's own error text shows them; CEL's columns count from 0. */
    private static String where(CelSourceLocation location) {
        if (location == null || location.getLine() < 1) {
            return "1:1: ";
        }
        return location.getLine() + ":" + (location.getColumn() + 1) + ": ";
    }

    private static String at(CelAbstractSyntaxTree ast, long exprId) {
        return ast.getSource().getOffsetLocation(ast.getSource().getPositionsMap().getOrDefault(exprId, 0))
                .map(RedLineLanguage::where)
                .orElse("1:1: ");
    }

    DealSchema schema() {
        return schema;
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
