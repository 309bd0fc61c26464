package io.parley.model.term;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A term on the table as the API declares it: {@code {id, type, values?, min?, max?, unlimited?, maxLength?,
 * fields?, consent?}}. {@link #domain()} gives its value domain; {@link #validate} checks the declaration.
 *
 * @param consent the parties whose acceptance makes the term agreed; {@code null} or empty means every party
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TermDefinition(
        String id,
        String title,
        TermType type,
        List<String> values,
        BigDecimal min,
        BigDecimal max,
        Boolean unlimited,
        Integer maxLength,
        List<TermDefinition> fields,
        List<String> consent) {

    /** Term ids become variable names in red-line expressions, so they are identifiers. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}");

    public TermDefinition {
        // Bounds in canonical form, so 20, 20.0 and 2E+1 declare the same term.
        min = canonical(min);
        max = canonical(max);
        values = values == null ? null : List.copyOf(values);
        fields = fields == null ? null : List.copyOf(fields);
        consent = consent == null ? null : List.copyOf(consent);
    }

    public static TermDefinition enumTerm(String id, String... values) {
        return new TermDefinition(id, null, TermType.ENUM, List.of(values), null, null, null, null, null, null);
    }

    public static TermDefinition integerTerm(String id, Long min, Long max, boolean unlimited) {
        return new TermDefinition(id, null, TermType.INTEGER, null, min == null ? null : BigDecimal.valueOf(min),
                max == null ? null : BigDecimal.valueOf(max), unlimited ? Boolean.TRUE : null, null, null, null);
    }

    public TermDefinition withConsent(List<String> parties) {
        return new TermDefinition(id, title, type, values, min, max, unlimited, maxLength, fields, parties);
    }

    @JsonIgnore
    public boolean isUnlimitedAllowed() {
        return Boolean.TRUE.equals(unlimited);
    }

    /** The value domain; call only on a definition that passed {@link #validate}. */
    public ValueDomain domain() {
        return switch (type) {
            case ENUM -> new ValueDomain.EnumDomain(values);
            case ENUM_SET -> new ValueDomain.EnumSetDomain(values);
            case INTEGER -> new ValueDomain.IntegerDomain(
                    min == null ? null : min.longValueExact(), max == null ? null : max.longValueExact(), isUnlimitedAllowed());
            case NUMBER -> new ValueDomain.NumberDomain(min, max);
            case BOOLEAN -> new ValueDomain.BooleanDomain();
            case TEXT -> new ValueDomain.TextDomain(maxLength);
            case STRUCT -> {
                LinkedHashMap<String, ValueDomain> domains = new LinkedHashMap<>();
                fields.forEach(f -> domains.put(f.id(), f.domain()));
                yield new ValueDomain.StructDomain(domains);
            }
        };
    }

    /**
     * Checks this declaration. {@code path} names it in the request (e.g. {@code terms[3]});
     * {@code parties} are the negotiation's party ids, for the consent list ({@code null} inside a struct).
     */
    public void validate(String path, Set<String> parties, List<FieldError> errors) {
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(new FieldError(path + ".id", "must match " + ID.pattern() + " (lower case, digits, underscores), was " + id));
        }
        if (type == null) {
            errors.add(new FieldError(path + ".type", "is required: one of " + List.of(TermType.values())));
            return;
        }
        boolean enumLike = type == TermType.ENUM || type == TermType.ENUM_SET;
        if (enumLike) {
            if (values == null || values.isEmpty()) {
                errors.add(new FieldError(path + ".values", "is required for " + type + " and must not be empty"));
            } else {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < values.size(); i++) {
                    String v = values.get(i);
                    if (v == null || !VALUE.matcher(v).matches()) {
                        errors.add(new FieldError(path + ".values[" + i + "]", "must match " + VALUE.pattern() + ", was " + v));
                    } else if (!seen.add(v)) {
                        errors.add(new FieldError(path + ".values[" + i + "]", "repeats " + v));
                    }
                }
            }
        } else if (values != null) {
            errors.add(new FieldError(path + ".values", "only ENUM and ENUM_SET terms take values"));
        }
        boolean ranged = type == TermType.INTEGER || type == TermType.NUMBER;
        if (!ranged && (min != null || max != null)) {
            errors.add(new FieldError(path + (min != null ? ".min" : ".max"), "only INTEGER and NUMBER terms take min and max"));
        }
        if (type == TermType.INTEGER) {
            checkWhole(path + ".min", min, errors);
            checkWhole(path + ".max", max, errors);
        }
        if (ranged && min != null && max != null && min.compareTo(max) > 0) {
            errors.add(new FieldError(path + ".max", "must not be less than min (" + min.toPlainString() + ")"));
        }
        if (unlimited != null && type != TermType.INTEGER) {
            errors.add(new FieldError(path + ".unlimited", "only INTEGER terms can be UNLIMITED"));
        }
        if (maxLength != null && (type != TermType.TEXT || maxLength < 1)) {
            errors.add(new FieldError(path + ".maxLength", type != TermType.TEXT ? "only TEXT terms take maxLength" : "must be at least 1"));
        }
        if (type == TermType.STRUCT) {
            validateFields(path, errors);
        } else if (fields != null) {
            errors.add(new FieldError(path + ".fields", "only STRUCT terms take fields"));
        }
        if (consent != null) {
            if (parties == null) {
                errors.add(new FieldError(path + ".consent", "a field of a STRUCT has no consent rule of its own"));
            } else {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < consent.size(); i++) {
                    String p = consent.get(i);
                    if (!parties.contains(p)) {
                        errors.add(new FieldError(path + ".consent[" + i + "]", "is not a party of this negotiation: " + p));
                    } else if (!seen.add(p)) {
                        errors.add(new FieldError(path + ".consent[" + i + "]", "repeats " + p));
                    }
                }
            }
        }
    }

    private void validateFields(String path, List<FieldError> errors) {
        if (fields == null || fields.isEmpty()) {
            errors.add(new FieldError(path + ".fields", "is required for STRUCT and must not be empty"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            TermDefinition f = fields.get(i);
            String fieldPath = path + ".fields[" + i + "]";
            if (f == null) {
                errors.add(new FieldError(fieldPath, "must not be null"));
                continue;
            }
            if (f.type() == TermType.STRUCT) {
                errors.add(new FieldError(fieldPath + ".type", "a STRUCT field cannot itself be a STRUCT"));
                continue;
            }
            f.validate(fieldPath, null, errors);
            if (f.id() != null && !seen.add(f.id())) {
                errors.add(new FieldError(fieldPath + ".id", "repeats " + f.id()));
            }
        }
    }

    private static BigDecimal canonical(BigDecimal bound) {
        if (bound == null) {
            return null;
        }
        BigDecimal stripped = bound.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static void checkWhole(String path, BigDecimal bound, List<FieldError> errors) {
        if (bound == null) {
            return;
        }
        try {
            bound.longValueExact();
        } catch (ArithmeticException e) {
            errors.add(new FieldError(path, "must be a whole number within 64 bits, was " + bound.toPlainString()));
        }
    }

    /** Checks a list of term declarations, including that ids are unique. */
    public static void validateAll(List<TermDefinition> terms, Set<String> parties, List<FieldError> errors) {
        if (terms == null || terms.isEmpty()) {
            errors.add(new FieldError("terms", "is required: at least one term"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < terms.size(); i++) {
            TermDefinition t = terms.get(i);
            if (t == null) {
                errors.add(new FieldError("terms[" + i + "]", "must not be null"));
                continue;
            }
            t.validate("terms[" + i + "]", parties, errors);
            if (t.id() != null && !seen.add(t.id())) {
                errors.add(new FieldError("terms[" + i + "].id", "repeats " + t.id()));
            }
        }
    }

}
