package io.parley.model.term;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The set of values a term admits. {@link #check} turns a JSON value from a request into a canonical
 * {@link TermValue}, or says precisely what is wrong with it.
 */
public sealed interface ValueDomain {

    String UNLIMITED = "UNLIMITED";

    /**
     * @param json   the value as it arrived
     * @param field  the request field it came from, used in error messages (e.g. {@code value.kind})
     * @param errors where problems are added
     * @return the canonical value, or {@code null} when {@code errors} grew
     */
    TermValue check(JsonNode json, String field, List<FieldError> errors);

    /** Convenience: check and throw {@link InvalidInput} on the first problems. */
    default TermValue require(JsonNode json, String field) {
        List<FieldError> errors = new ArrayList<>();
        TermValue value = check(json, field, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return value;
    }

    private static boolean absent(JsonNode json, String field, List<FieldError> errors) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            errors.add(new FieldError(field, "is required"));
            return true;
        }
        return false;
    }

    record EnumDomain(List<String> values) implements ValueDomain {
        @Override
        public TermValue check(JsonNode json, String field, List<FieldError> errors) {
            if (absent(json, field, errors)) {
                return null;
            }
            if (!json.isTextual() || !values.contains(json.textValue())) {
                errors.add(new FieldError(field, "must be one of " + values + ", was " + json));
                return null;
            }
            return new TermValue.Text(json.textValue());
        }
    }

    record EnumSetDomain(List<String> values) implements ValueDomain {
        @Override
        public TermValue check(JsonNode json, String field, List<FieldError> errors) {
            if (absent(json, field, errors)) {
                return null;
            }
            if (!json.isArray()) {
                errors.add(new FieldError(field, "must be an array of distinct values from " + values));
                return null;
            }
            Set<String> seen = new HashSet<>();
            int before = errors.size();
            for (int i = 0; i < json.size(); i++) {
                JsonNode member = json.get(i);
                String path = field + "[" + i + "]";
                if (!member.isTextual() || !values.contains(member.textValue())) {
                    errors.add(new FieldError(path, "must be one of " + values + ", was " + member));
                } else if (!seen.add(member.textValue())) {
                    errors.add(new FieldError(path, "repeats " + member.textValue() + "; a set holds each value once"));
                }
            }
            return errors.size() == before ? new TermValue.Members(new ArrayList<>(seen)) : null;
        }
    }

    record IntegerDomain(Long min, Long max, boolean unlimited) implements ValueDomain {
        @Override
        public TermValue check(JsonNode json, String field, List<FieldError> errors) {
            if (absent(json, field, errors)) {
                return null;
            }
            if (unlimited && json.isTextual() && UNLIMITED.equals(json.textValue())) {
                return new TermValue.Text(UNLIMITED);
            }
            if (!json.isIntegralNumber() || !json.canConvertToLong()) {
                errors.add(new FieldError(field, "must be a whole number" + range()
                        + (unlimited ? " or \"UNLIMITED\"" : "") + ", was " + json));
                return null;
            }
            long v = json.longValue();
            if ((min != null && v < min) || (max != null && v > max)) {
                errors.add(new FieldError(field, "must be" + range() + ", was " + v));
                return null;
            }
            return new TermValue.Whole(v);
        }

        private String range() {
            if (min != null && max != null) {
                return " between " + min + " and " + max;
            }
            if (min != null) {
                return " at least " + min;
            }
            return max != null ? " at most " + max : "";
        }
    }

    record NumberDomain(BigDecimal min, BigDecimal max) implements ValueDomain {
        @Override
        public TermValue check(JsonNode json, String field, List<FieldError> errors) {
            if (absent(json, field, errors)) {
                return null;
            }
            if (!json.isNumber()) {
                errors.add(new FieldError(field, "must be a number" + range() + ", was " + json));
                return null;
            }
            BigDecimal v = json.decimalValue();
            if ((min != null && v.compareTo(min) < 0) || (max != null && v.compareTo(max) > 0)) {
                errors.add(new FieldError(field, "must be" + range() + ", was " + v.toPlainString()));
                return null;
            }
            return new TermValue.Decimal(v);
        }

        private String range() {
            if (min != null && max != null) {
                return " between " + min.toPlainString() + " and " + max.toPlainString();
            }
            if (min != null) {
                return " at least " + min.toPlainString();
            }
            return max != null ? " at most " + max.toPlainString() : "";
        }
    }

    record BooleanDomain() implements ValueDomain {
        @Override
        public TermValue check(JsonNode json, String field, List<FieldError> errors) {
            if (absent(json, field, errors)) {
                return null;
            }
            if (!json.isBoolean()) {
                errors.add(new FieldError(field, "must be true or false, was " + json));
                return null;
            }
            return new TermValue.Flag(json.booleanValue());
        }
    }

    record TextDomain(Integer maxLength) implements ValueDomain {
        @Override
        public TermValue check(JsonNode json, String field, List<FieldError> errors) {
            if (absent(json, field, errors)) {
                return null;
            }
            if (!json.isTextual()) {
                errors.add(new FieldError(field, "must be a string, was " + json));
                return null;
            }
            String text = json.textValue();
            if (maxLength != null && text.codePointCount(0, text.length()) > maxLength) {
                errors.add(new FieldError(field, "must be at most " + maxLength + " characters long"));
                return null;
            }
            return new TermValue.Text(text);
        }
    }

    /** A term with attributes; every field is required and no other field is allowed. */
    record StructDomain(LinkedHashMap<String, ValueDomain> fields) implements ValueDomain {
        @Override
        public TermValue check(JsonNode json, String field, List<FieldError> errors) {
            if (absent(json, field, errors)) {
                return null;
            }
            if (!json.isObject()) {
                errors.add(new FieldError(field, "must be an object with the fields " + fields.keySet()));
                return null;
            }
            int before = errors.size();
            SortedMap<String, TermValue> values = new TreeMap<>();
            for (Map.Entry<String, ValueDomain> f : fields.entrySet()) {
                TermValue v = f.getValue().check(json.get(f.getKey()), field + "." + f.getKey(), errors);
                if (v != null) {
                    values.put(f.getKey(), v);
                }
            }
            Iterator<String> names = json.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!fields.containsKey(name)) {
                    errors.add(new FieldError(field + "." + name, "is not a field of this term; fields are " + fields.keySet()));
                }
            }
            return errors.size() == before ? new TermValue.Fields(values) : null;
        }
    }
}
