package dev.creditrules.api.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A condition on the fields of one fact, the {@code when:} of a {@code forbid}/{@code require}
 * check or of a conditional {@code repairable} in {@code types.yaml}. Generic: it names fields,
 * codes and types only as data.
 *
 * <p>Values are read through a {@link Values}: a field's value with its default applied, whether
 * the field was given, and the type of the fact a reference names.
 */
public sealed interface Condition {

  /** The fields of one fact, as a condition reads them. */
  interface Values {
    /** The value of {@code field}, with its default when it was not given; null when none. */
    @Nullable Object value(String field);

    /** True when {@code field} was given (a default does not count). */
    boolean given(String field);

    /** The type of the fact the reference field {@code field} names, or null when unknown. */
    @Nullable String typeOf(String field);
  }

  /** True when the condition holds for {@code values}. */
  boolean test(Values values);

  /** Every condition holds. */
  record All(List<Condition> all) implements Condition {
    public All {
      all = List.copyOf(all);
    }

    @Override
    public boolean test(Values v) {
      for (Condition c : all) {
        if (!c.test(v)) {
          return false;
        }
      }
      return true;
    }
  }

  /** At least one condition holds. */
  record Any(List<Condition> any) implements Condition {
    public Any {
      any = List.copyOf(any);
    }

    @Override
    public boolean test(Values v) {
      for (Condition c : any) {
        if (c.test(v)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The condition does not hold. */
  record Not(Condition not) implements Condition {
    public Not {
      Objects.requireNonNull(not, "not");
    }

    @Override
    public boolean test(Values v) {
      return !not.test(v);
    }
  }

  /**
   * {@code field} was given ({@code present}) or was not ({@code absent}; an empty list counts).
   */
  record Given(String field, boolean given) implements Condition {
    @Override
    public boolean test(Values v) {
      boolean present = v.given(field);
      if (present && v.value(field) instanceof List<?> l && l.isEmpty()) {
        present = false;
      }
      return present == given;
    }
  }

  /**
   * {@code field} has one of {@code values} ({@code [A, B]}; a list field contains one of them; a
   * boolean compares as {@code true}/{@code false}), or with {@code negated} has none of them
   * ({@code {not: [A, B]}}; no value counts as having none).
   */
  record OneOf(String field, List<String> values, boolean negated) implements Condition {
    public OneOf {
      values = List.copyOf(values);
    }

    @Override
    public boolean test(Values v) {
      Object value = v.value(field);
      boolean has = false;
      if (value instanceof List<?> list) {
        for (Object o : list) {
          has |= values.contains(String.valueOf(o));
        }
      } else if (value != null) {
        has = values.contains(String.valueOf(value));
      }
      return has != negated;
    }
  }

  /**
   * The date {@code field} is on or after ({@code from}) or before ({@code before}) a date given as
   * a literal or as another field of the fact; false when either side has no value.
   */
  record DateCompare(String field, boolean before, @Nullable LocalDate date, @Nullable String other)
      implements Condition {
    @Override
    public boolean test(Values v) {
      Object value = v.value(field);
      Object bound = other != null ? v.value(other) : date;
      if (!(value instanceof LocalDate d) || !(bound instanceof LocalDate b)) {
        return false;
      }
      return before ? d.isBefore(b) : !d.isBefore(b);
    }
  }

  /** The number {@code field} is below ({@code below}) or above ({@code above}) {@code bound}. */
  record NumberCompare(String field, boolean below, BigDecimal bound) implements Condition {
    @Override
    public boolean test(Values v) {
      Object value = v.value(field);
      if (!(value instanceof Number n)) {
        return false;
      }
      int c = new BigDecimal(n.toString()).compareTo(bound);
      return below ? c < 0 : c > 0;
    }
  }

  /**
   * The reference {@code field} names a fact of one of {@code types} ({@code {type: [...]}}) or
   * with {@code negated} of none of them ({@code {notType: [...]}}); false when it names no known
   * fact.
   */
  record RefType(String field, List<String> types, boolean negated) implements Condition {
    public RefType {
      types = List.copyOf(types);
    }

    @Override
    public boolean test(Values v) {
      String type = v.typeOf(field);
      return type != null && types.contains(type) != negated;
    }
  }
}
