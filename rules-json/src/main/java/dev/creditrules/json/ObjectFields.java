package dev.creditrules.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.RequestError;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one JSON object, collecting every problem with its pointer. Problems (invalid
 * values and unknown fields alike) are reported in the object's document order; missing required
 * fields come after them, in the order they were asked for.
 */
final class ObjectFields {
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private final JsonNode node;
  private final String pointer;
  private final Map<String, Integer> positions = new LinkedHashMap<>();
  private final List<Ordered> found = new ArrayList<>();
  private int missingOrdinal = Integer.MAX_VALUE / 2;
  private boolean complete = true;
  private final java.util.Set<String> invalidNames = new java.util.HashSet<>();

  private record Ordered(int ordinal, RequestError error) {}

  ObjectFields(JsonNode node, String pointer) {
    this.node = node;
    this.pointer = pointer;
    int i = 0;
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      positions.put(names.next(), i++);
    }
  }

  /** The fields given with an invalid value (reported): given, though the fact leaves them out. */
  java.util.Set<String> invalidNames() {
    return java.util.Set.copyOf(invalidNames);
  }

  /**
   * A required value once no problem was reported. Every reading method here reports a required
   * field that is missing or invalid when it returns {@code null} for it, so a reader that builds
   * its record only when its error count did not grow has every required value; NullAway cannot
   * follow that count, hence this check.
   */
  static <T> T present(@Nullable T value) {
    return Objects.requireNonNull(value, "a required value read without a reported problem");
  }

  /** False once a required field is missing or invalid. */
  boolean complete() {
    return complete;
  }

  String pointer(String name) {
    return Pointers.child(pointer, name);
  }

  /** The value of a field, {@code null} when absent or JSON null. */
  @Nullable JsonNode get(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** Reports a problem with a field (or an item of it, with {@code subPointer}). */
  void error(String name, String subPointer, @Nullable Object value, String reason) {
    Integer position = positions.get(name);
    int ordinal = position != null ? position : missingOrdinal++;
    found.add(new Ordered(ordinal, new RequestError(pointer(name) + subPointer, value, reason)));
  }

  /** Reports an invalid value of a field; a required field makes the object incomplete. */
  void invalid(String name, boolean required, @Nullable JsonNode value, String reason) {
    error(name, "", Nodes.plain(value), reason);
    invalidNames.add(name);
    if (required) {
      complete = false;
    }
  }

  /** The value of a field that must be present; reports it missing otherwise. */
  @Nullable JsonNode value(String name, boolean required) {
    JsonNode value = get(name);
    if (value == null && required) {
      error(name, "", null, name + " is required");
      complete = false;
    }
    return value;
  }

  @Nullable String string(String name, boolean required) {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      invalid(name, required, value, name + " must be a string");
      return null;
    }
    return value.textValue();
  }

  @Nullable LocalDate date(String name, boolean required) {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    if (!value.isTextual() || !DATE.matcher(value.textValue()).matches()) {
      invalid(name, required, value, name + " must be a date string yyyy-MM-dd");
      return null;
    }
    String text = value.textValue();
    try {
      return LocalDate.of(
          Integer.parseInt(text.substring(0, 4)),
          Integer.parseInt(text.substring(5, 7)),
          Integer.parseInt(text.substring(8, 10)));
    } catch (DateTimeException e) {
      invalid(name, required, value, text + " is not a calendar date");
      return null;
    }
  }

  @Nullable Integer integer(String name, boolean required) {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      invalid(name, required, value, name + " must be a JSON integer");
      return null;
    }
    if (!value.canConvertToInt()) {
      invalid(name, required, value, name + " is out of range");
      return null;
    }
    return value.intValue();
  }

  @Nullable BigDecimal number(String name, boolean required) {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      invalid(name, required, value, name + " must be a JSON number");
      return null;
    }
    return value.decimalValue();
  }

  @Nullable Boolean bool(String name, boolean required) {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      invalid(name, required, value, name + " must be true or false");
      return null;
    }
    return value.booleanValue();
  }

  /** A value of a closed set of codes; {@code what} names the set in the reason. */
  <E> @Nullable E code(String name, boolean required, Map<String, E> codes, String what) {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    E parsed = value.isTextual() ? codes.get(value.textValue()) : null;
    if (parsed == null) {
      invalid(name, required, value, unknownCode(value, what, codes.keySet()));
    }
    return parsed;
  }

  /**
   * An array of codes: {@code null} when absent or when it or one of its items is invalid (each bad
   * item is reported at its index); an invalid item makes the object incomplete only when the field
   * is required.
   */
  <E> @Nullable List<E> codes(String name, boolean required, Map<String, E> codes, String what) {
    JsonNode value = value(name, required);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      invalid(name, required, value, name + " must be an array");
      return null;
    }
    List<E> list = new ArrayList<>(value.size());
    boolean ok = true;
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      E parsed = item.isTextual() ? codes.get(item.textValue()) : null;
      if (parsed == null) {
        error(name, "/" + i, Nodes.plain(item), unknownCode(item, what, codes.keySet()));
        ok = false;
        if (required) {
          complete = false;
        }
      } else {
        list.add(parsed);
      }
    }
    return ok ? list : null;
  }

  static String unknownCode(JsonNode value, String what, Set<String> known) {
    String prefix =
        value.isTextual()
            ? "unknown " + what + " " + value.textValue()
            : what + " must be a string";
    return prefix + "; expected one of " + String.join(", ", known);
  }

  /**
   * Reports every field not in {@code known} as unknown, then hands every problem found, in order,
   * to {@code sink}.
   */
  void finish(@Nullable Set<String> known, List<RequestError> sink) {
    if (known != null) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!known.contains(field.getKey())) {
          error(field.getKey(), "", Nodes.plain(field.getValue()), "unknown field");
        }
      }
    }
    found.sort(Comparator.comparingInt(Ordered::ordinal));
    for (Ordered o : found) {
      sink.add(o.error());
    }
  }
}
