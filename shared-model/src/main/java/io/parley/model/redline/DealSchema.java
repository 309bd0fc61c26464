package io.parley.model.redline;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.runtime.CelAttributePattern;
import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermType;
import io.parley.model.term.TermValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A term catalogue as CEL types: the deal is a struct with one field per term, a STRUCT term a nested struct.
 * It also numbers the <em>variables</em> of the catalogue, the smallest parts a red line can read: each term, except
 * that a STRUCT term is one variable per field ({@code security_guarantee.kind}).
 */
final class DealSchema implements CelTypeProvider {

    static final String DEAL_TYPE = "parley.Deal";

    /** One variable: a term, or one field of a STRUCT term. */
    record Variable(int index, int termIndex, String term, String field, TermDefinition definition,
                    CelAttributePattern pattern) {
        /** {@code army_cap} or {@code security_guarantee.kind}. */
        String path() {
            return field == null ? term : term + "." + field;
        }
    }

    private final List<TermDefinition> terms;
    private final StructType dealType;
    private final Map<String, Integer> termIndex;
    private final List<StructType> termTypes = new ArrayList<>();
    private final List<Map<String, Integer>> fieldIndexes = new ArrayList<>();
    private final List<Variable> variables = new ArrayList<>();
    private final Map<String, Variable> byPath = new HashMap<>();
    private final List<List<Variable>> variablesOfTerm = new ArrayList<>();
    private final List<CelAttributePattern> termPatterns = new ArrayList<>();
    private final Map<String, CelType> types = new LinkedHashMap<>();

    DealSchema(List<TermDefinition> terms) {
        this.terms = List.copyOf(terms);
        Map<String, Integer> index = new HashMap<>();
        Map<String, CelType> fieldTypes = new HashMap<>();
        for (int t = 0; t < terms.size(); t++) {
            TermDefinition term = terms.get(t);
            index.put(term.id(), t);
            termPatterns.add(CelAttributePattern.fromQualifiedIdentifier("deal." + term.id()));
            List<Variable> own = new ArrayList<>();
            if (term.type() == TermType.STRUCT) {
                Map<String, Integer> fields = new HashMap<>();
                Map<String, CelType> nested = new LinkedHashMap<>();
                for (int f = 0; f < term.fields().size(); f++) {
                    TermDefinition field = term.fields().get(f);
                    fields.put(field.id(), f);
                    nested.put(field.id(), scalarType(field));
                    own.add(newVariable(t, term.id(), field.id(), field));
                }
                StructType type = struct(DEAL_TYPE + "." + term.id(), nested);
                types.put(type.name(), type);
                termTypes.add(type);
                fieldIndexes.add(Collections.unmodifiableMap(fields));
                fieldTypes.put(term.id(), type);
            } else {
                termTypes.add(null);
                fieldIndexes.add(null);
                fieldTypes.put(term.id(), scalarType(term));
                own.add(newVariable(t, term.id(), null, term));
            }
            variablesOfTerm.add(List.copyOf(own));
        }
        Map<String, CelType> ordered = new LinkedHashMap<>();
        terms.forEach(t -> ordered.put(t.id(), fieldTypes.get(t.id())));
        this.termIndex = Collections.unmodifiableMap(index);
        this.dealType = struct(DEAL_TYPE, ordered);
        types.put(DEAL_TYPE, dealType);
    }

    private Variable newVariable(int termIndex, String term, String field, TermDefinition definition) {
        String path = field == null ? term : term + "." + field;
        Variable v = new Variable(variables.size(), termIndex, term, field, definition,
                CelAttributePattern.fromQualifiedIdentifier("deal." + path));
        variables.add(v);
        byPath.put(path, v);
        return v;
    }

    private static StructType struct(String name, Map<String, CelType> fields) {
        Map<String, CelType> copy = Map.copyOf(fields);
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(copy.get(f)));
    }

    private static CelType scalarType(TermDefinition t) {
        return switch (t.type()) {
            case ENUM, TEXT -> SimpleType.STRING;
            case ENUM_SET -> ListType.create(SimpleType.STRING);
            case INTEGER -> SimpleType.INT;
            case NUMBER -> SimpleType.DOUBLE;
            case BOOLEAN -> SimpleType.BOOL;
            case STRUCT -> throw new IllegalArgumentException("a STRUCT term has no scalar type: " + t.id());
        };
    }

    @Override
    public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(types.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return Optional.ofNullable(types.get(typeName));
    }

    StructType dealType() {
        return dealType;
    }

    List<TermDefinition> terms() {
        return terms;
    }

    TermDefinition term(String id) {
        Integer i = termIndex.get(id);
        return i == null ? null : terms.get(i);
    }

    Integer termIndex(String id) {
        return termIndex.get(id);
    }

    List<Variable> variables() {
        return variables;
    }

    Variable variable(String path) {
        return byPath.get(path);
    }

    List<Variable> variablesOf(int termIndex) {
        return variablesOfTerm.get(termIndex);
    }

    CelAttributePattern termPattern(int termIndex) {
        return termPatterns.get(termIndex);
    }

    /** The CEL value of a term's (or a field's) value: strings, lists of strings, longs, doubles, booleans. */
    static Object celValue(TermDefinition definition, TermValue value) {
        return switch (definition.type()) {
            case ENUM, TEXT -> ((TermValue.Text) value).value();
            case ENUM_SET -> ImmutableList.copyOf(((TermValue.Members) value).values());
            // UNLIMITED is the largest int, so "at most N" comparisons read naturally.
            case INTEGER -> value instanceof TermValue.Whole w ? Long.valueOf(w.value()) : Long.valueOf(Long.MAX_VALUE);
            case NUMBER -> ((TermValue.Decimal) value).value().doubleValue();
            case BOOLEAN -> ((TermValue.Flag) value).value();
            case STRUCT -> throw new IllegalArgumentException("a STRUCT term is one value per field: " + definition.id());
        };
    }

    /** Spreads a term's value over its variables ({@code slots} is indexed by variable). */
    void assign(int termIndex, TermValue value, Object[] slots) {
        for (Variable v : variablesOfTerm.get(termIndex)) {
            if (v.field() == null) {
                slots[v.index()] = celValue(v.definition(), value);
            } else {
                TermValue field = ((TermValue.Fields) value).get(v.field());
                slots[v.index()] = field == null ? null : celValue(v.definition(), field);
            }
        }
    }

    /** The deal for CEL from one value (or {@code null}, not known) per variable. */
    DealValue deal(Object[] slots) {
        Object[] top = new Object[terms.size()];
        for (int t = 0; t < terms.size(); t++) {
            StructType type = termTypes.get(t);
            List<Variable> own = variablesOfTerm.get(t);
            if (type == null) {
                top[t] = slots[own.get(0).index()];
            } else {
                Object[] fields = new Object[own.size()];
                for (int f = 0; f < own.size(); f++) {
                    fields[f] = slots[own.get(f).index()];
                }
                top[t] = new DealValue(type, fieldIndexes.get(t), fields);
            }
        }
        return new DealValue(dealType, termIndex, top);
    }

    /**
     * The attribute patterns that make the variables without a value unknown: a whole term when none of its
     * variables has one, else each missing field.
     */
    List<CelAttributePattern> unknowns(Object[] slots) {
        List<CelAttributePattern> patterns = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            List<Variable> own = variablesOfTerm.get(t);
            int missing = 0;
            for (Variable v : own) {
                if (slots[v.index()] == null) {
                    missing++;
                }
            }
            if (missing == 0) {
                continue;
            }
            if (missing == own.size()) {
                patterns.add(termPatterns.get(t));
            } else {
                for (Variable v : own) {
                    if (slots[v.index()] == null) {
                        patterns.add(v.pattern());
                    }
                }
            }
        }
        return patterns;
    }
}
