package dev.creditrules.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Conversions between JSON trees and plain Java values. */
final class Nodes {
  private Nodes() {}

  /**
   * The node factory. Since Jackson 2.15 it keeps {@code BigDecimal} values as given; reading keeps
   * them too because {@code JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES} is disabled.
   */
  static final JsonNodeFactory FACTORY = JsonNodeFactory.instance;

  static ObjectNode object() {
    return FACTORY.objectNode();
  }

  static ArrayNode array() {
    return FACTORY.arrayNode();
  }

  /**
   * A JSON value as a plain Java value: String, Integer/Long/BigInteger, BigDecimal, Boolean, List,
   * Map.
   */
  static @Nullable Object plain(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      if (node.canConvertToInt()) {
        return node.intValue();
      }
      if (node.canConvertToLong()) {
        return node.longValue();
      }
      return node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        list.add(plain(item));
      }
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        map.put(e.getKey(), plain(e.getValue()));
      }
      return map;
    }
    return node.asText();
  }

  /** A plain Java value (as {@link #plain} gives, plus dates and enums) as a JSON value. */
  static JsonNode node(@Nullable Object value) {
    if (value == null) {
      return FACTORY.nullNode();
    }
    if (value instanceof JsonNode n) {
      return n;
    }
    if (value instanceof String s) {
      return FACTORY.textNode(s);
    }
    if (value instanceof Boolean b) {
      return FACTORY.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return FACTORY.numberNode(i);
    }
    if (value instanceof Long l) {
      return FACTORY.numberNode(l);
    }
    if (value instanceof Short s) {
      return FACTORY.numberNode(s);
    }
    if (value instanceof BigInteger b) {
      return FACTORY.numberNode(b);
    }
    if (value instanceof BigDecimal b) {
      return FACTORY.numberNode(b);
    }
    if (value instanceof Double d) {
      return FACTORY.numberNode(d);
    }
    if (value instanceof Float f) {
      return FACTORY.numberNode(f);
    }
    if (value instanceof LocalDate d) {
      return FACTORY.textNode(d.toString());
    }
    if (value instanceof Enum<?> e) {
      return FACTORY.textNode(e.name());
    }
    if (value instanceof Collection<?> c) {
      ArrayNode array = array();
      for (Object item : c) {
        array.add(node(item));
      }
      return array;
    }
    if (value instanceof Map<?, ?> m) {
      ObjectNode object = object();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        object.set(String.valueOf(e.getKey()), node(e.getValue()));
      }
      return object;
    }
    return FACTORY.textNode(value.toString());
  }

  /** A string as JSON, or null. */
  static JsonNode text(@Nullable String text) {
    return text == null ? FACTORY.nullNode() : FACTORY.textNode(text);
  }
}
