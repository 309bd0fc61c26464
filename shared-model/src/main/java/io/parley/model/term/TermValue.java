package io.parley.model.term;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A value of a term, already checked against its domain and in canonical form (sets sorted, numbers without
 * trailing zeros), so two equal deals compare equal. In JSON it is the plain value: a string, an array of
 * strings, a number, a boolean or an object; which domain it belongs to is the term's business, not the value's.
 */
@JsonSerialize(using = TermValue.Json.Writer.class)
@JsonDeserialize(using = TermValue.Json.Reader.class)
public sealed interface TermValue {

    JsonNode toJson();

    /** An enum member, a text, or the word {@code UNLIMITED} of an unlimited integer term. */
    record Text(String value) implements TermValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(value);
        }
    }

    /** A set of enum members, kept sorted. */
    record Members(List<String> values) implements TermValue {
        public Members {
            values = List.copyOf(new TreeSet<>(values));
        }

        @Override
        public JsonNode toJson() {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            values.forEach(array::add);
            return array;
        }
    }

    record Whole(long value) implements TermValue {
        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.numberNode(value);
        }
    }

    /** A number term's value; always carries a fraction in JSON ({@code 5.0}), so it reads back as a number. */
    record Decimal(BigDecimal value) implements TermValue {
        public Decimal {
            BigDecimal stripped = value.stripTrailingZeros();
            value = stripped.scale() < 1 ? stripped.setScale(1) : stripped;
        }

        @Override
        public JsonNode toJson() {
            // DecimalNode directly: the default node factory strips "5.0" to "5", which would read back as a whole number.
            return DecimalNode.valueOf(value);
        }
    }

    record Flag(boolean value) implements TermValue {
        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.booleanNode(value);
        }
    }

    /** The value of a term with attributes, such as {@code security_guarantee}. */
    record Fields(SortedMap<String, TermValue> fields) implements TermValue {
        public Fields {
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }

        public TermValue get(String field) {
            return fields.get(field);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            fields.forEach((k, v) -> object.set(k, v.toJson()));
            return object;
        }
    }

    /** Reads a value by its JSON shape alone: the inverse of {@link #toJson()} for canonical values. */
    static TermValue fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new IllegalArgumentException("a term value cannot be null");
        }
        if (node.isTextual()) {
            return new Text(node.textValue());
        }
        if (node.isBoolean()) {
            return new Flag(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            return new Whole(node.longValue());
        }
        if (node.isNumber()) {
            return new Decimal(node.decimalValue());
        }
        if (node.isArray()) {
            List<String> members = new java.util.ArrayList<>();
            node.forEach(n -> members.add(n.asText()));
            return new Members(members);
        }
        if (node.isObject()) {
            SortedMap<String, TermValue> fields = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), fromJson(e.getValue()));
            }
            return new Fields(fields);
        }
        throw new IllegalArgumentException("not a term value: " + node);
    }

    final class Json {
        private Json() {
        }

        public static final class Writer extends JsonSerializer<TermValue> {
            @Override
            public void serialize(TermValue value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeTree(value.toJson());
            }
        }

        public static final class Reader extends JsonDeserializer<TermValue> {
            @Override
            public TermValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return fromJson(p.readValueAsTree());
            }
        }
    }
}
