package io.parley.model.redline;

import dev.cel.common.types.CelType;
import dev.cel.common.types.StructType;
import dev.cel.common.values.StructValue;

import java.util.Map;
import java.util.Optional;

/**
 * The deal (or one struct term of it) as CEL sees it: a flat array of field values behind the struct type the red
 * lines were checked against. Selecting a field is an index lookup, several times faster than CEL walking a map.
 * A {@code null} slot is a term that is not agreed: evaluations declare it unknown, so CEL never reads the slot.
 */
final class DealValue extends StructValue<String, Object> {

    private final StructType type;
    private final Map<String, Integer> index;
    private final Object[] values;

    DealValue(StructType type, Map<String, Integer> index, Object[] values) {
        this.type = type;
        this.index = index;
        this.values = values;
    }

    @Override
    public Object select(String field) {
        Object value = slot(field);
        if (value == null) {
            throw new IllegalArgumentException("term " + field + " has no value here");
        }
        return value;
    }

    @Override
    public Optional<Object> find(String field) {
        return Optional.ofNullable(slot(field));
    }

    private Object slot(String field) {
        Integer i = index.get(field);
        return i == null ? null : values[i];
    }

    @Override
    public Object value() {
        return this;
    }

    @Override
    public boolean isZeroValue() {
        for (Object v : values) {
            if (v != null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public CelType celType() {
        return type;
    }
}
