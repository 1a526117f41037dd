package dev.creditrules.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.RequestError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed tree against {@link Limits} before anything else reads it: too many facts, long
 * strings and field names (the contract's own names, those of the fact model included, always
 * pass), long numbers and deep nesting, each at its pointer. The walk is iterative, so a deep tree
 * handed in by a caller cannot overflow the stack.
 */
final class LimitCheck {
  private LimitCheck() {}

  private record Item(JsonNode node, String pointer, int depth) {}

  /**
   * Throws when {@code root} exceeds a limit.
   *
   * @param names the contract's own field names, which are never too long
   * @throws InvalidRequestException listing every exceeded limit, in the contract's order
   */
  static void check(JsonNode root, Limits limits, Set<String> names) {
    List<RequestError> errors = errors(root, limits, names);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }

  /** Every exceeded limit of {@code root}, top-level fields first, then per fact. */
  static List<RequestError> errors(JsonNode root, Limits limits, Set<String> names) {
    List<RequestError> errors = new ArrayList<>();
    if (root == null) {
      return errors;
    }
    Deque<Item> stack = new ArrayDeque<>();
    stack.push(new Item(root, "", 1));
    while (!stack.isEmpty()) {
      Item item = stack.pop();
      JsonNode node = item.node();
      String pointer = item.pointer();
      if (node.isContainerNode()) {
        if (item.depth() > limits.maxDepth()) {
          errors.add(new RequestError(pointer, null, limits.tooDeep()));
          continue;
        }
        if (node.isArray()) {
          if ("/facts".equals(pointer) && node.size() > limits.maxFacts()) {
            errors.add(new RequestError(pointer, null, limits.tooManyFacts(node.size())));
            continue;
          }
          for (int i = node.size() - 1; i >= 0; i--) {
            stack.push(new Item(node.get(i), Pointers.child(pointer, i), item.depth() + 1));
          }
        } else {
          List<Item> children = new ArrayList<>(node.size());
          Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
          while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String child = Pointers.child(pointer, field.getKey());
            long length = length(field.getKey(), limits.maxStringLength());
            if (length > limits.maxStringLength() && !names.contains(field.getKey())) {
              errors.add(new RequestError(child, null, limits.nameTooLong(length)));
              continue;
            }
            children.add(new Item(field.getValue(), child, item.depth() + 1));
          }
          for (int i = children.size() - 1; i >= 0; i--) {
            stack.push(children.get(i));
          }
        }
      } else if (node.isTextual()) {
        long length = length(node.textValue(), limits.maxStringLength());
        if (length > limits.maxStringLength()) {
          errors.add(new RequestError(pointer, null, limits.stringTooLong(length)));
        }
      } else if (node.isNumber()) {
        long length = plainLength(node);
        if (length > limits.maxNumberLength()) {
          errors.add(new RequestError(pointer, null, limits.numberTooLong(length)));
        }
      }
    }
    // Stable: document order within each group of the contract's order.
    errors.sort(Comparator.comparingLong(e -> Pointers.rank(e.pointer())));
    return errors;
  }

  /** The length of {@code s} in code points, counted only when it may exceed {@code max}. */
  static long length(String s, int max) {
    return s.length() <= max ? s.length() : s.codePointCount(0, s.length());
  }

  /**
   * The characters of a number written out in plain decimal notation (sign, digits, decimal point),
   * computed from precision and scale without writing it out.
   */
  static long plainLength(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Long.toString(node.longValue()).length();
    }
    if (node.isDouble() || node.isFloat()) {
      double d = node.doubleValue();
      if (!Double.isFinite(d)) {
        return Long.MAX_VALUE;
      }
    }
    return plainLength(node.decimalValue());
  }

  /**
   * {@link #plainLength(JsonNode)} of an integer as Jackson's tree holds it ({@code Integer},
   * {@code Long} or {@code BigInteger}), without writing it out.
   */
  static long plainLength(Number integer) {
    if (integer instanceof Integer || integer instanceof Long) {
      long v = integer.longValue();
      if (v == Long.MIN_VALUE) {
        return 20;
      }
      long digits = 1;
      for (long rest = Math.abs(v); rest >= 10; rest /= 10) {
        digits++;
      }
      return digits + (v < 0 ? 1 : 0);
    }
    return plainLength(new BigDecimal((BigInteger) integer));
  }

  /** {@link #plainLength(JsonNode)} of a decimal. */
  static long plainLength(BigDecimal value) {
    long precision = value.precision();
    long scale = value.scale();
    long digits;
    if (scale <= 0) {
      digits = precision - scale; // trailing zeros
    } else if (precision > scale) {
      digits = precision + 1; // a decimal point inside
    } else {
      digits = scale + 2; // "0." and leading zeros
    }
    return digits + (value.signum() < 0 ? 1 : 0);
  }

  /** True when the UTF-8 encoding of {@code s} is longer than {@code maxBytes}. */
  static boolean utf8LongerThan(String s, int maxBytes) {
    if (s.length() > maxBytes) {
      return true; // every char is at least one byte
    }
    if ((long) s.length() * 3 <= maxBytes) {
      return false; // every char is at most three bytes (a surrogate pair: four for two)
    }
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
      if (bytes > maxBytes) {
        return true;
      }
    }
    return false;
  }
}
